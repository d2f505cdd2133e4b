"""Spot identifying details (NHS number, date of birth, name with address) and redact them.

The bot is not a referral route: when a message looks like it holds such details the
answer opens with a warning, and the text is never stored or logged in clear.
"""

from __future__ import annotations

import re

_NHS = re.compile(r"(?<!\d)(\d{3}[ -]?\d{3}[ -]?\d{4})(?!\d)")
_DATE = re.compile(
    r"\b(\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})"
    r"|\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4})\b",
    re.IGNORECASE,
)
_DOB_CUE = re.compile(r"\b(dob|d\.o\.b|date of birth|born|birthday)\b", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.IGNORECASE)
_STREET = re.compile(
    r"\b\d{1,4}[a-z]? [A-Za-z][a-z]+( [A-Za-z][a-z]+)? (road|rd|street|st|avenue|ave|close|lane|ln|drive|dr|way|court|crescent|place|gardens|grove|terrace|walk)\b",
    re.IGNORECASE,
)
_ADDRESS_CUE = re.compile(r"\b(lives at|living at|address is|resides at)\b", re.IGNORECASE)
_NAME_CUE = re.compile(
    r"\b(?:called|named|name is|name's|mr|mrs|ms|miss|dr)\.? ([A-Z][a-z'-]+(?: [A-Z][a-z'-]+)+)"
)
_FULL_NAME = re.compile(r"\b([A-Z][a-z'-]{1,}) ([A-Z][a-z'-]{2,})\b")
_EMAIL = re.compile(r"\b[^@\s]+@[^@\s]+\.[a-z]{2,}\b", re.IGNORECASE)
_LOCAL_NUMBERS = ("01908", "0800", "999")


def _nhs_numbers(text: str) -> list[str]:
    found = []
    for m in _NHS.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if digits.startswith(_LOCAL_NUMBERS) or digits.startswith("0"):
            continue  # a phone number, not an NHS number
        found.append(digits)
    return found


def _has_name(text: str) -> bool:
    return bool(_NAME_CUE.search(text) or _FULL_NAME.search(text))


def _has_address(text: str) -> bool:
    return bool(_POSTCODE.search(text) or _STREET.search(text) or _ADDRESS_CUE.search(text))


def _has_dob(text: str) -> bool:
    return bool(_DOB_CUE.search(text) and (_DATE.search(text) or re.search(r"\d", text)))


def has_personal_data(text: str) -> bool:
    """NHS number, date of birth, or a full name together with an address or a date."""
    if _nhs_numbers(text) or _has_dob(text):
        return True
    if _has_address(text) and (_has_name(text) or _DATE.search(text)):
        return True
    return bool(_NAME_CUE.search(text) and _DATE.search(text))


def redact(text: str) -> str:
    """Replace anything that could identify a person with placeholders."""
    text = _EMAIL.sub("[email]", text)
    text = _POSTCODE.sub("[postcode]", text)
    text = _STREET.sub("[address]", text)
    text = _DATE.sub("[date]", text)
    text = _NAME_CUE.sub(lambda m: m.group(0).replace(m.group(1), "[name]"), text)
    text = _FULL_NAME.sub("[name]", text)
    text = re.sub(r"\d{3,}", lambda m: "#" * len(m.group(0)), text)
    return text
