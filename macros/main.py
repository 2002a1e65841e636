"""mkdocs-macros entry point (`module_name: macros/main`); the logic lives in the buildguide package."""

from buildguide.site import define_env

__all__ = ["define_env"]
