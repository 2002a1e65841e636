"""mkdocs-macros entry point (`module_name: macros/main`); the macros live in the buildguide package."""

from buildguide.macros import define_env

__all__ = ["define_env"]
