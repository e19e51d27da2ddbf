#!/usr/bin/env python3
"""Checks a Runway iCalendar export with other programs' readers: the Python packages `icalendar`
(parsing, line unfolding, TEXT unescaping, VTIMEZONE) and `recurring_ical_events` (RRULE, EXDATE
and RECURRENCE-ID expansion).

    check_ics.py EXPORT.ics EXPECTED.json [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--zone NAME]

EXPECTED.json lists every instance the export must expand to between --from and --to:

    [{"uid": "deploy-REL-1@plan", "start": "2027-03-10T22:00:00", "end": "2027-03-11T02:00:00"},
     {"uid": "cab-REL-1@plan", "start": "2027-03-03", "end": "2027-03-04"}]

Times are local to the plan's zone (the file's X-WR-TIMEZONE, or --zone) and to the second; a
whole-day event's start and end are dates, its end exclusive as in the file. The range is of local
days, --to excluded; by default it runs from the earliest expected start to the day after the
latest expected end. Every instance that overlaps the range is compared, as a multiset.

Exit 0 when the instances are exactly the expected ones; 1 with the missing and unexpected ones;
2 when an argument or a file cannot be read.

A sample (Europe/London, with a change of daylight saving time inside the range):

    cargo run -q -p runway-domain --example ics_export > /tmp/runway-sample.ics
    .venv/bin/python tests/ics/check_ics.py /tmp/runway-sample.ics tests/ics/sample-expected.json \\
        --from 2027-03-01 --to 2027-05-01

Needs `icalendar` and `recurring_ical_events` (pinned in tests/e2e/requirements.txt, installed
into .venv by scripts/deps.sh test).
"""

import argparse
import collections
import datetime as dt
import json
import sys
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events


class Unusable(Exception):
    """An argument or a file that cannot be used (exit 2)."""


def normalise(text, what):
    """A date or a date-time as the comparison writes it: 2027-03-03 or 2027-03-10T22:00:00."""
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text).replace(tzinfo=None).isoformat(timespec="seconds")
    except (TypeError, ValueError) as e:
        raise Unusable(f"{what}: {text!r} is not a date or a date-time ({e})") from e


def local(value, zone):
    """An instance's DTSTART or DTEND on the plan's clock, as `normalise` writes it."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(zone).replace(tzinfo=None)
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def read_expected(path):
    try:
        with open(path, encoding="utf-8") as f:
            items = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        raise Unusable(f"{path}: {e}") from e
    if not isinstance(items, list):
        raise Unusable(f"{path}: a list of instances is expected")
    out = []
    for i, item in enumerate(items):
        where = f"{path}[{i}]"
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("uid", "start", "end")):
            raise Unusable(f"{where}: an instance is {{\"uid\": …, \"start\": …, \"end\": …}} (strings)")
        out.append((item["uid"], normalise(item["start"], f"{where}.start"), normalise(item["end"], f"{where}.end")))
    return out


def day(text, what):
    try:
        return dt.date.fromisoformat(text)
    except ValueError as e:
        raise Unusable(f"{what}: {text!r} is not a day (YYYY-MM-DD)") from e


def instances(calendar, zone, start, stop):
    found = []
    for event in recurring_ical_events.of(calendar).between(start, stop):
        begin = event["DTSTART"].dt
        if "DTEND" in event:
            end = event["DTEND"].dt
        elif "DURATION" in event:
            end = begin + event["DURATION"].dt
        else:
            end = begin
        found.append((str(event.get("UID", "")), local(begin, zone), local(end, zone)))
    return found


def check(ics_path, expected_path, start=None, stop=None, zone_name=None):
    """The problems found (none when the export expands to the expected instances)."""
    try:
        with open(ics_path, "rb") as f:
            calendar = icalendar.Calendar.from_ical(f.read())
    except (OSError, ValueError) as e:
        raise Unusable(f"{ics_path}: {e}") from e
    expected = read_expected(expected_path)
    zone_name = zone_name or str(calendar.get("X-WR-TIMEZONE", "UTC"))
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise Unusable(f"{zone_name!r} is not a time zone") from e
    if start is None or stop is None:
        if not expected:
            raise Unusable("no instance is expected: give --from and --to")
        first = min(dt.date.fromisoformat(s[:10]) for _, s, _ in expected)
        last = max(dt.date.fromisoformat(e[:10]) for _, _, e in expected) + dt.timedelta(days=1)
        start = start or first
        stop = stop or last
    found = instances(calendar, zone, start, stop)
    want, got = collections.Counter(expected), collections.Counter(found)
    problems = []
    for uid, begin, end in sorted((want - got).elements()):
        problems.append(f"missing:    {uid} {begin} → {end}")
    for uid, begin, end in sorted((got - want).elements()):
        problems.append(f"unexpected: {uid} {begin} → {end}")
    return problems, len(found)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ics", help="the exported .ics file")
    parser.add_argument("expected", help="a JSON list of {uid, start, end} in local times")
    parser.add_argument("--from", dest="start", help="first local day of the range (YYYY-MM-DD)")
    parser.add_argument("--to", dest="stop", help="local day after the range (YYYY-MM-DD)")
    parser.add_argument("--zone", help="the plan's IANA zone (default: the file's X-WR-TIMEZONE)")
    args = parser.parse_args(argv)
    try:
        start = day(args.start, "--from") if args.start else None
        stop = day(args.stop, "--to") if args.stop else None
        problems, count = check(args.ics, args.expected, start, stop, args.zone)
    except Unusable as e:
        print(f"check_ics: {e}", file=sys.stderr)
        return 2
    if problems:
        print(f"check_ics: {args.ics} does not expand to {args.expected}:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print(f"check_ics: {args.ics}: {count} instances, as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
