"""The console's settings (settings.yaml beside this file)."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from bot.store.staff import Limits

FILE = Path(__file__).with_name("settings.yaml")


@lru_cache(maxsize=1)
def settings() -> dict:
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))


def zone() -> ZoneInfo:
    return ZoneInfo(settings()["timezone"])


def sign_in_limits() -> Limits:
    s = settings()["sign_in"]
    return Limits(window=dt.timedelta(minutes=s["window_minutes"]),
                  per_account_and_address=s["per_account_and_address"], per_address=s["per_address"],
                  per_account=s["per_account"])


def local_today() -> dt.date:
    return dt.datetime.now(zone()).date()


def to_local(utc_naive: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time in the hotline's zone."""
    return utc_naive.replace(tzinfo=dt.timezone.utc).astimezone(zone())


def day_start_utc(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day`, as the naive UTC the store keeps."""
    return dt.datetime.combine(day, dt.time(), zone()).astimezone(dt.timezone.utc).replace(tzinfo=None)


def date_range() -> tuple[dt.date, dt.date]:
    s = settings()
    return s["earliest_date"], s["latest_date"]
