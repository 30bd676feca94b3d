"""Pure rendering and delivery of search notices and police letters.

No Flask, no database: the workbench hands in plain NoticeContent /
PoliceRequestContent objects and channel config dicts, and stores what
comes back (bytes, text, DeliveryResult).
"""
from .card import render_png
from .channels import (ChannelConfigError, DeliveryResult, Message, build_message,
                       channel_from_config, deliver_with_retries, next_delay)
from .content import ContentError, NoticeContent, PoliceRequestContent
from .feeds import atom_feed, json_feed, rss_feed
from .letter import render_police_letter_pdf, render_police_letter_text, validate_letter_template
from .poster import render_pdf
from .render import FORMATS, render_as, render_html, render_markdown, render_text
from .targeting import target_channels

__all__ = [
    "FORMATS", "render_as", "ChannelConfigError", "ContentError", "DeliveryResult", "Message", "NoticeContent",
    "PoliceRequestContent", "atom_feed", "build_message", "channel_from_config",
    "deliver_with_retries", "json_feed", "next_delay", "render_html", "render_markdown",
    "render_pdf", "render_png", "render_police_letter_pdf", "render_police_letter_text",
    "render_text", "rss_feed", "target_channels", "validate_letter_template",
]
