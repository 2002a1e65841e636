"""MkDocs hook (`hooks:` in mkdocs.yml): adds a page for every build file and serves the build images."""

from buildguide.site import on_files

__all__ = ["on_files"]
