"""``gongkai serve``: a local web page to drop one file on and see every finding on its page."""

from gongkai.serve.app import create_app

__all__ = ["create_app"]
