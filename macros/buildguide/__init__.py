"""Validated PC build guides: YAML build files and a parts catalog rendered by MkDocs Material."""
