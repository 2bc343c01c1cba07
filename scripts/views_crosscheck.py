"""views_crosscheck.py - the `views` group of insights.json, computed independently from the raw
views CSV (docs/insights.md, "views"), for insights-crosscheck.py --views CSV [--timezone ZONE].

Reads the CSV with its own character-level reader (records end with LF only; a bare CR is data;
a leading BOM is dropped; columns by header name), not with Python's csv module, which ends a
record at a bare CR. Sets and exact fractions; the zone comes from Python's zoneinfo.
Plain Python 3.9+.
"""
import datetime as dt
from fractions import Fraction

REQUIRED = ["type", "timestamp", "uuid", "name", "user_uuid", "user_first_name", "user_last_name", "space_name"]
CAP = 100_000
TOP = 20
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def records(text):
    """[(line, [field])]: fields split at commas outside quotes, records at LF outside quotes."""
    out, fields, field, quoted, line, start_line = [], [], [], False, 1, 1
    i, n = 0, len(text)
    at_field_start = True
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    field.append('"')
                    i += 2
                    continue
                quoted = False
            else:
                if ch == "\n":
                    line += 1
                field.append(ch)
            i += 1
            continue
        if ch == '"' and at_field_start:
            quoted = True
            at_field_start = False
        elif ch == ",":
            fields.append("".join(field))
            field, at_field_start = [], True
        elif ch == "\n":
            value = "".join(field)
            if value.endswith("\r"):
                value = value[:-1]
            fields.append(value)
            out.append((start_line, fields))
            fields, field, at_field_start = [], [], True
            line += 1
            start_line = line
        else:
            field.append(ch)
            at_field_start = False
        i += 1
    if field or fields:
        value = "".join(field)
        if value.endswith("\r"):
            value = value[:-1]
        fields.append(value)
        out.append((start_line, fields))
    return out


def parse_time(text):
    try:
        t = dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None
    if len(text) != 20:
        return None
    return t.replace(tzinfo=dt.timezone.utc)


def long_day(d):
    return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)


def instant(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def read(data):
    text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    recs = records(text)
    header = recs[0][1]
    col = {}
    for i, h in enumerate(header):
        col.setdefault(h, i)
    missing = [c for c in REQUIRED if c not in col]
    if missing:
        raise ValueError("line 1: not a views export, no column %s" % missing)
    rows, bad = [], []
    for line, f in recs[1:]:
        if f == [""]:
            continue
        if len(f) != len(header) or f[col["type"]] not in ("chart", "dashboard") or not f[col["uuid"]]:
            bad.append(line)
            continue
        t = parse_time(f[col["timestamp"]])
        if t is None:
            bad.append(line)
            continue
        rows.append({k: f[col[k]] for k in REQUIRED} | {"t": t})
    return rows, bad


def compute(data, payload, zone_name="UTC"):
    from zoneinfo import ZoneInfo
    rows, bad = read(data)
    zone = ZoneInfo(zone_name)
    out = {}
    if rows:
        first = min(r["t"] for r in rows)
        last = max(r["t"] for r in rows)
        d0, d1 = first.date(), last.date()
        days = (d1 - d0).days + 1
    else:
        first = last = d0 = d1 = None
        days = 0
    capped = len(rows) + len(bad) >= CAP
    if not rows:
        covers = "no views in the export"
    elif capped:
        covers = "the last %d day%s, %s to %s: the export holds at most 100,000 views" % (
            days, "" if days == 1 else "s", long_day(d0), long_day(d1))
    elif days == 1:
        covers = "1 day, %s" % long_day(d1)
    else:
        covers = "the %d days from %s to %s" % (days, long_day(d0), long_day(d1))
    out["window"] = {"from": instant(first) if first else None, "to": instant(last) if last else None, "days": days,
                     "rows": len(rows), "badRows": len(bad), "capped": capped, "covers": covers}
    ident = [r for r in rows if r["user_uuid"]]
    out["views"] = len(rows)
    out["identifiedViews"] = len(ident)
    out["anonymousViews"] = len(rows) - len(ident)
    out["viewers"] = len({r["user_uuid"] for r in ident})

    active = {}   # date -> set of users
    for r in ident:
        active.setdefault(r["t"].date(), set()).add(r["user_uuid"])
    daily = []
    for k in range(days):
        day = d0 + dt.timedelta(days=k)

        def users_in(span):
            s = set()
            for j in range(span):
                s |= active.get(day - dt.timedelta(days=j), set())
            return len(s)
        dau, wau, mau = users_in(1), users_in(7), users_in(30)
        daily.append({"date": day.isoformat(), "dau": dau, "wau": wau, "mau": mau,
                      "stickiness": None, "fullWeek": k >= 6, "fullMonth": k >= 29})
    out["latest"] = daily[-1] if daily else None

    def stickiness(end):
        if end < 0 or end >= days or daily[end]["mau"] == 0:
            return None
        span = daily[max(0, end - 29):end + 1]
        return Fraction(sum(x["dau"] for x in span), len(span)) / daily[end]["mau"]
    for k in range(days):  # each day's stickiness is the headline's rule ending that day
        daily[k]["stickiness"] = stickiness(k)
    out["stickiness"] = stickiness(days - 1)
    out["stickinessBefore"] = stickiness(days - 31) if days >= 60 else None
    out["daily"] = daily

    items = {}
    for r in rows:
        key = (r["type"], r["uuid"])
        it = items.setdefault(key, {"views": 0, "anon": 0, "viewers": set(), "last": None, "named": None})
        it["views"] += 1
        if r["user_uuid"]:
            it["viewers"].add(r["user_uuid"])
        else:
            it["anon"] += 1
        if it["last"] is None or r["t"] > it["last"]:
            it["last"] = r["t"]
        if it["named"] is None or r["t"] > it["named"]["t"]:
            it["named"] = r

    def reach(key):
        it = items[key]
        v = len(it["viewers"])
        return {"type": key[0], "uuid": key[1], "name": it["named"]["name"], "space": it["named"]["space_name"],
                "views": it["views"], "anonymousViews": it["anon"], "viewers": v,
                "viewsPerViewer": Fraction(it["views"] - it["anon"], v) if v else None, "lastViewed": instant(it["last"])}

    def utf8(s):
        return s.encode("utf-8")
    by_reach = sorted(items, key=lambda k: (-len(items[k]["viewers"]), -items[k]["views"], k[0] != "dashboard", utf8(k[1])))
    out["topReach"] = [reach(k) for k in by_reach[:TOP]]
    single = [k for k in items if len(items[k]["viewers"]) == 1 and items[k]["anon"] == 0]
    single.sort(key=lambda k: (-items[k]["views"], k[0] != "dashboard", utf8(k[1])))
    out["singleViewer"] = {"dashboards": sum(1 for k in single if k[0] == "dashboard"),
                           "charts": sum(1 for k in single if k[0] == "chart"),
                           "items": [reach(k) for k in single[:TOP]]}

    last_seen = {}
    for r in ident:
        u = r["user_uuid"]
        if u not in last_seen or r["t"] > last_seen[u]:
            last_seen[u] = r["t"]
    since = {u: (d1 - t.date()).days for u, t in last_seen.items()}
    listed = {str(x.get("userUuid") or "") for x in payload.get("tableNoQueries", [])} - {""}
    from_payload = len(listed - set(last_seen))
    buckets = []
    for key, lo, hi in (("active-7d", 0, 6), ("active-8-30d", 7, 29), ("active-31-90d", 30, 89)):
        n = sum(1 for d in since.values() if lo <= d <= hi)
        buckets.append({"bucket": key, "users": n, "fromViews": n, "fromPayload": 0, "covered": days >= hi + 1})
    old = sum(1 for d in since.values() if d >= 90)
    buckets.append({"bucket": "over-90d-or-never", "users": old + from_payload, "fromViews": old,
                    "fromPayload": from_payload, "covered": True})
    out["lifecycle"] = buckets

    grid = [[0] * 24 for _ in range(7)]
    for r in rows:
        local = r["t"].astimezone(zone)
        grid[local.weekday()][local.hour] += 1
    out["heatmap"] = {"timeZone": zone_name, "views": grid}

    spaces = {}
    for r in rows:
        s = spaces.setdefault(r["space_name"], {"views": 0, "viewers": set()})
        s["views"] += 1
        if r["user_uuid"]:
            s["viewers"].add(r["user_uuid"])
    ordered = sorted(spaces, key=lambda n: (-spaces[n]["views"], utf8(n)))
    out["spaces"] = [{"name": n, "views": spaces[n]["views"], "viewers": len(spaces[n]["viewers"])} for n in ordered]
    return out


def findings(v):
    """{id: severity} of the rules that read `views`."""
    made = {}
    now, then = v["stickiness"], v["stickinessBefore"]
    if now is not None and then is not None:
        if then - now >= Fraction(5, 100):
            made["views-stickiness"] = "watch"
        elif now - then >= Fraction(5, 100):
            made["views-stickiness"] = "good"
    if v["singleViewer"]["dashboards"] + v["singleViewer"]["charts"] > 0:
        made["views-single-viewer"] = "info"
    return made
