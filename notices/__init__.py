"""Pure rendering and delivery of search notices and police letters.

No Flask, no database: the workbench hands in plain NoticeContent /
PoliceRequestContent objects and channel config dicts, and stores what
comes back (bytes, text, DeliveryResult).
"""
from .content import ContentError, NoticeContent, PoliceRequestContent

__all__ = ["ContentError", "NoticeContent", "PoliceRequestContent"]
