"""Publication dates: the date where an article was published, which is not always its date in UTC.

An article published at 23:10 in New York on 24 November is a 24 November article, although it is already
25 November in UTC. Claimbook keeps the instant (`published_at`, for ordering), the UTC offset its source
gave (`published_offset`, in minutes; none when it gave none: the newsroom's time zone applies), whether it
gave a time at all (`published_has_time`), and the local date (`published_on`), which every page, filter,
feed and export uses.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

# A UTC offset is less than a day, so a local date lies within a day of the UTC one: date filters can also
# bound the instant (which the reader indexes order by) without changing what they find.
OFFSET_MARGIN = dt.timedelta(days=1)


def newsroom_time_zone() -> ZoneInfo:
    """Where times without an offset, and dates alone, are taken to be (CLAIMBOOK_NEWSROOM_TIME_ZONE)."""
    return ZoneInfo(settings.CLAIMBOOK_NEWSROOM_TIME_ZONE)


def offset_minutes(moment: dt.datetime) -> int:
    """The UTC offset of an aware datetime, in whole minutes."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a naive datetime has no offset")
    return int(offset.total_seconds() // 60)


def fixed_zone(minutes: int) -> dt.timezone:
    return dt.timezone(dt.timedelta(minutes=minutes))


def local_moment(at: dt.datetime, offset: int | None) -> dt.datetime:
    """The instant `at` as the source wrote it: in its own offset, or in the newsroom's time zone."""
    return at.astimezone(fixed_zone(offset) if offset is not None else newsroom_time_zone())


def local_date(at: dt.datetime | None, offset: int | None) -> dt.date | None:
    return local_moment(at, offset).date() if at is not None else None


def utc_day_start(day: dt.date) -> dt.datetime:
    """Midnight UTC of `day`: the same date starts within OFFSET_MARGIN of it anywhere."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)
