#!/usr/bin/env python3
"""insights-crosscheck.py - an independent computation of the metrics of insights.json.

usage: insights-crosscheck.py PAYLOAD [--views CSV [--timezone ZONE]] [--compare INSIGHTS_JSON [--cleanup SAVED_DIR]]

Reads a Lightdash user-activity payload (the whole response or its "results" object, in the
formats real servers send) and computes every metric key of insights.json from its definition
in docs/insights.md, with exact fractions, without looking at the Swift code. Prints the
metrics as JSON (unrounded). With --compare, checks an insights.json written by `report` for the
same payload against them: numbers must agree within half a unit of the last decimal written
(4 decimals for shares, 2 for other decimals), everything else exactly. Prints every difference.

With --compare and no previous run in the file (`"comparison": null`), the findings are checked
too: which rules speak and with which severity, drawn again from the metrics above and the
thresholds written in the file, in the documented order and at most `maxFindings` of them.

With --views, the `views` group is computed too, from the raw views CSV (views_crosscheck.py
beside this script), its heatmap in ZONE (default UTC).

With --cleanup, the `cleanup` group is recomputed from the answers kept by `--save-raw DIR`
(index.json, content pages, schedulers, logs, members) and the payload, from the rules in
docs/insights.md: stale content (whole UTC days, staleDays / staleGraceDays), deliveries and
seats, with "now" and the thresholds as the file states them.

Exit codes: 0 agree (or no --compare), 1 a difference, 2 usage or unreadable input.
Plain Python 3.8+, no dependencies.
"""
import json
import math
import re
import os
import sys
from decimal import Decimal
from fractions import Fraction

DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?))?$")


def days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(z):
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (m <= 2), m, d)


def day_of(text):
    """An ISO-8601 instant -> days since 1970-01-01 of the nearest UTC midnight."""
    g = DATE.match(text)
    if not g:
        raise ValueError("bad date " + repr(text))
    y, mo, d = int(g.group(1)), int(g.group(2)), int(g.group(3))
    secs = days_from_civil(y, mo, d) * 86400
    if g.group(4):
        secs += int(g.group(4)) * 3600 + int(g.group(5)) * 60 + int(g.group(6) or 0)
        if g.group(8):
            off = int(g.group(9)) * 3600 + int(g.group(10) or 0) * 60
            secs -= off if g.group(8) == "+" else -off
    return (secs + 43200) // 86400


def iso(day):
    y, m, d = civil_from_days(day)
    return "%04d-%02d-%02d" % (y, m, d)


def count(row, key="count"):
    v = row.get(key)
    if v is None:
        return 0
    if isinstance(v, Decimal) and v != v.to_integral_value():
        raise ValueError("count %s is not a whole number" % v)
    return int(v)


def number(v):
    return Fraction(v)


def dedupe(rows):
    seen, out = set(), []
    for r in rows:
        d = day_of(r["date"])
        if d not in seen:
            seen.add(d)
            out.append((d, r))
    return sorted(out, key=lambda x: x[0])


def compute(doc):
    r = doc["results"] if isinstance(doc, dict) and "results" in doc else doc
    total = int(r["numberUsers"])
    roles = [int(r[k]) for k in ("numberAdmins", "numberEditors", "numberInteractiveViewers", "numberViewers")]
    out = {}
    out["users"] = {"total": total, "byRole": {
        "admins": roles[0], "editors": roles[1], "interactiveViewers": roles[2], "viewers": roles[3],
        "other": max(0, total - sum(roles))}}

    q = [count(x) for x in r["tableMostQueries"]]
    n = len(q)
    s = sum(q)
    srt = sorted(q)
    if n == 0:
        median = None
    elif n % 2:
        median = Fraction(srt[n // 2])
    else:
        median = Fraction(srt[n // 2 - 1] + srt[n // 2], 2)
    out["activity"] = {
        "activePercent": number(r["numberWeeklyQueryingUsers"]), "activeUsers": n, "queries7d": s,
        "queriesPerActiveUser": Fraction(s, n) if n else None, "medianQueriesPerActiveUser": median}

    active = dedupe(r["chartWeeklyQueryingUsers"])
    averages = dedupe(r["chartWeeklyAverageQueries"])
    avg_by_day = {d: row.get("average_number_of_weekly_queries_per_user") for d, row in averages}

    def point(d, row):
        a = avg_by_day.get(d)
        return {"date": iso(d), "activeUsers": count(row, "num_7d_active_users"),
                "activePercent": number(row["percent_7d_active_users"]),
                "averageQueries": None if a is None else number(a)}

    days = [d for d, _ in active] + [d for d, _ in averages]
    trend = {"asOf": iso(max(days)) if days else None, "latest": None, "weekAgo": None,
             "changeActiveUsers": None, "changeActivePercentPoints": None,
             "changeActiveUsersPercent": None, "peak": None, "belowPeakPercent": None,
             "slopePerWeek": None, "days": len(active), "meanActiveUsers": None}
    if active:
        ld, lrow = active[-1]
        trend["latest"] = point(ld, lrow)
        for d, row in active:
            if d == ld - 7:
                trend["weekAgo"] = point(d, row)
        if trend["weekAgo"]:
            trend["changeActiveUsers"] = trend["latest"]["activeUsers"] - trend["weekAgo"]["activeUsers"]
            trend["changeActivePercentPoints"] = trend["latest"]["activePercent"] - trend["weekAgo"]["activePercent"]
            before = trend["weekAgo"]["activeUsers"]
            if before > 0:
                trend["changeActiveUsersPercent"] = Fraction(100 * trend["changeActiveUsers"], before)
        ys = [count(row, "num_7d_active_users") for _, row in active]
        best = max(ys)
        first = next(d for d, row in active if count(row, "num_7d_active_users") == best)
        trend["peak"] = {"date": iso(first), "activeUsers": best}
        if best > 0:
            trend["belowPeakPercent"] = Fraction(100 * (best - trend["latest"]["activeUsers"]), best)
        trend["meanActiveUsers"] = Fraction(sum(ys), len(ys))
        if len(active) >= 2:
            xs = [d - active[0][0] for d, _ in active]
            mx = Fraction(sum(xs), len(xs))
            my = Fraction(sum(ys), len(ys))
            sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
            sxx = sum((x - mx) ** 2 for x in xs)
            trend["slopePerWeek"] = sxy / sxx * 7
    out["trend"] = trend

    if n and s:
        k = math.ceil(n / 10)
        share = Fraction(sum(sorted(q, reverse=True)[:k]), s)
        gini = Fraction(2 * sum(i * x for i, x in enumerate(srt, 1)), n * s) - Fraction(n + 1, n)
    else:
        k, share, gini = math.ceil(n / 10), None, None
    out["concentration"] = {"topDecileShare": share, "topDecileUsers": k, "gini": gini}

    idle = [count(x) for x in r["tableNoQueries"]]
    out["inactive"] = {"count": len(idle), "percentOfUsers": Fraction(100 * len(idle), total) if total else None,
                       "buckets": {"90-179": sum(1 for x in idle if x < 180),
                                   "180-364": sum(1 for x in idle if 180 <= x < 365),
                                   "365+": sum(1 for x in idle if x >= 365)}}
    created = [count(x) for x in r["tableMostCreatedCharts"]]
    out["creators"] = {"count": len(created), "chartUpdates7d": sum(created)}

    def top(rows):
        if not rows:
            return None
        views = [count(x) for x in rows]
        i = views.index(max(views))
        listed = sum(views)
        return {"uuid": rows[i]["uuid"], "name": rows[i]["name"], "views": views[i],
                "shareOfListed": Fraction(views[i], listed) if listed else None}

    groups = {}
    for row in r["userMostViewedDashboards"]:
        u = row.get("dashboardUuid")
        key = ("u", u) if isinstance(u, str) else ("n", row["dashboardName"])
        g = groups.setdefault(key, {"uuid": u if isinstance(u, str) else None, "name": row["dashboardName"], "users": 0})
        g["users"] += 1
        g["name"] = min(g["name"], row["dashboardName"])
    ranked = sorted(groups.items(), key=lambda kv: (-kv[1]["users"], kv[0][0] == "n", kv[0][1]))
    out["content"] = {"topDashboard": top(r["dashboardViews"]), "topChart": top(r["chartViews"]),
                      "homeDashboards": [g for _, g in ranked]}
    return out


RATIOS = {"topDecileShare", "gini", "shareOfListed", "stickiness", "stickinessBefore"}

# Severities, most urgent first, and the rules in their documented order (docs/insights.md).
RANK = {"act": 3, "watch": 2, "good": 1, "info": 0}
RULES = ["weekly-change", "below-peak", "long-trend", "since-last-active", "since-last-share", "active-share",
         "inactive-seats", "since-last-inactive", "other-roles", "concentration", "creators", "top-dashboard",
         "since-last-users", "views-stickiness", "views-single-viewer", "failing-deliveries", "stale-content",
         "deliveries-owner-gone", "inactive-admins-editors",
         "old-invites", "deliveries-stale-content", "disabled-deliveries"]


def whole(x):
    """A percentage as the reports print it: rounded to a whole number, half away from zero."""
    x = Fraction(x)
    return int(x + Fraction(1, 2)) if x >= 0 else -int(-x + Fraction(1, 2))


def findings(m, t, cleanup=None):
    """[(id, severity)] the rules make from the metrics m and thresholds t, without a previous run;
    with `cleanup` (cleanup_expected's result) the clean-up rules too."""
    made = {}
    if cleanup is not None:
        d, s, c = cleanup["deliveries"], cleanup["seats"], cleanup["staleContent"]
        if d is not None:
            rows = list(d.values())
            if any(r["latestRun"] in ("failed", "partial_failure") for r in rows):
                made["failing-deliveries"] = "act"
            if any(r["enabled"] and (r["ownerInactive"] or r["ownerDeactivated"]) for r in rows):
                made["deliveries-owner-gone"] = "watch"
            if any(r["enabled"] and r["staleContent"] for r in rows):
                made["deliveries-stale-content"] = "info"
            if any(not r["enabled"] for r in rows):
                made["disabled-deliveries"] = "info"
        if c is not None and c["stale"] > 0:
            made["stale-content"] = "watch"
        if s is not None:
            if s["inactiveAdminsEditors"]:
                made["inactive-admins-editors"] = "watch"
            if s["oldInvites"]:
                made["old-invites"] = "watch"
    tr = m["trend"]
    latest, week_ago = tr["latest"], tr["weekAgo"]
    if latest and week_ago:
        now, then = latest["activeUsers"], week_ago["activeUsers"]
        if then == 0:
            if now > 0:
                made["weekly-change"] = "good"
        else:
            p = whole(Fraction(100 * (now - then), then))
            if p <= -t["weeklyDropActPercent"]:
                made["weekly-change"] = "act"
            elif p <= -t["weeklyDropWatchPercent"]:
                made["weekly-change"] = "watch"
            elif p >= t["weeklyRiseGoodPercent"] and p > t["weeklySteadyPercent"]:
                made["weekly-change"] = "good"
            else:
                made["weekly-change"] = "info"
    if tr["belowPeakPercent"] is not None and tr["days"] >= t["slopeMinDays"]:
        if whole(tr["belowPeakPercent"]) >= t["peakDropWatchPercent"] and tr["belowPeakPercent"] > 0:
            made["below-peak"] = "watch"
    mean = tr["meanActiveUsers"]
    if tr["slopePerWeek"] is not None and mean and mean > 0 and tr["days"] >= t["slopeMinDays"]:
        relative = tr["slopePerWeek"] / mean * 100
        if relative != 0 and whole(abs(relative)) >= t["slopePercentPerWeek"]:
            made["long-trend"] = "watch" if relative < 0 else "good"
    users, act = m["users"], m["activity"]
    if users["total"] > 0:
        p = whole(act["activePercent"])
        made["active-share"] = "act" if p < t["activePercentAct"] else "watch" if p < t["activePercentWatch"] else "good"
        # A healthy level while active users fall is not good news.
        falling = (tr["changeActiveUsersPercent"] is not None and whole(tr["changeActiveUsersPercent"]) < -t["weeklySteadyPercent"]) \
            or (latest and week_ago and week_ago["activeUsers"] > 0 and latest["activeUsers"] == 0) \
            or "below-peak" in made or made.get("long-trend") == "watch"
        if made["active-share"] == "good" and falling:
            made["active-share"] = "info"
    ina = m["inactive"]
    if users["total"] > 0 and ina["percentOfUsers"] is not None:
        p = whole(ina["percentOfUsers"])
        if ina["count"] == 0:
            made["inactive-seats"] = "good"
        else:
            made["inactive-seats"] = "act" if p >= t["inactivePercentAct"] else "watch" if p >= t["inactivePercentWatch"] else "good"
    if users["byRole"]["other"] > 0:
        made["other-roles"] = "watch"
    share = m["concentration"]["topDecileShare"]
    if share is not None and act["activeUsers"] >= t["concentrationMinActiveUsers"]:
        made["concentration"] = "watch" if whole(share * 100) >= Fraction(t["topDecileShareWatch"]) * 100 else "info"
    if m["creators"]["count"] == 0:
        if act["activeUsers"] > 0:
            made["creators"] = "watch"
    else:
        made["creators"] = "info"
    top = m["content"]["topDashboard"]
    if top and top["views"] > 0 and top["shareOfListed"] is not None:
        made["top-dashboard"] = "info"
    if "views" in m:
        import views_crosscheck
        made.update(views_crosscheck.findings(m["views"]))
    ordered = sorted(made.items(), key=lambda kv: (-RANK[kv[1]], RULES.index(kv[0])))
    return ordered[:int(t["maxFindings"])]


def compare(expected, actual, path, problems, key=""):
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            problems.append("%s: expected an object, got %r" % (path, actual))
            return
        for k, v in expected.items():
            if k not in actual:
                problems.append("%s.%s: missing" % (path, k))
            else:
                compare(v, actual[k], path + "." + k, problems, k)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            problems.append("%s: expected %d items, got %r" % (path, len(expected), actual if not isinstance(actual, list) else len(actual)))
            return
        for i, (e, a) in enumerate(zip(expected, actual)):
            compare(e, a, "%s[%d]" % (path, i), problems, key)
    elif expected is None or isinstance(expected, (str, bool)):
        if expected != actual:
            problems.append("%s: expected %r, got %r" % (path, expected, actual))
    elif isinstance(expected, int) and not isinstance(expected, bool):
        if not isinstance(actual, int) or actual != expected:
            problems.append("%s: expected %r, got %r" % (path, expected, actual))
    else:
        places = 4 if key in RATIOS else 2
        if not isinstance(actual, (int, float, Decimal)) or isinstance(actual, bool):
            problems.append("%s: expected %s, got %r" % (path, float(expected), actual))
            return
        tolerance = Fraction(1, 2 * 10 ** places) + Fraction(1, 10 ** 9) * max(1, abs(expected))
        if abs(Fraction(actual) - expected) > tolerance:
            problems.append("%s: expected %s, got %r" % (path, float(expected), actual))


def plain(x):
    if isinstance(x, (Fraction, Decimal)):
        return int(x) if x == int(x) else float(x)
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [plain(v) for v in x]
    return x


def main(argv):
    views, zone, cleanup_dir = None, "UTC", None
    argv = list(argv)
    for flag in ("--views", "--timezone", "--cleanup"):
        if flag in argv:
            i = argv.index(flag)
            if i + 1 >= len(argv):
                print(__doc__.strip().splitlines()[2], file=sys.stderr)
                return 2
            if flag == "--views":
                views = argv[i + 1]
            elif flag == "--timezone":
                zone = argv[i + 1]
            else:
                cleanup_dir = argv[i + 1]
            del argv[i:i + 2]
    if cleanup_dir is not None and len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--compare"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        with open(argv[1], "rb") as f:
            # Numbers as exact decimals: 4.927930239143226e+16 is the integer 49279302391432260.
            doc = json.load(f, parse_float=Decimal)
        metrics = compute(doc)
        if views is not None:
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            import views_crosscheck
            with open(views, "rb") as f:
                payload = doc["results"] if isinstance(doc, dict) and "results" in doc else doc
                metrics["views"] = views_crosscheck.compute(f.read(), payload, zone)
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("error: %s: %s" % (argv[1], e), file=sys.stderr)
        return 2
    if len(argv) == 2:
        print(json.dumps(plain(metrics), indent=2, ensure_ascii=False))
        return 0
    with open(argv[3], "rb") as f:
        actual = json.load(f, parse_float=Decimal)
    problems = []
    compare(metrics, actual, "", problems)
    cleanup = None
    if cleanup_dir is not None:
        with open(argv[1], "rb") as f:
            payload = json.load(f, parse_float=Decimal)
        c = actual.get("cleanup") if isinstance(actual, dict) else None
        if isinstance(c, dict):
            cleanup = cleanup_expected(cleanup_dir, payload, seconds_of(c["asOf"]), {k: int(v) for k, v in c["thresholds"].items()})
        check_cleanup(cleanup_dir, payload, actual, problems)
    if isinstance(actual, dict) and actual.get("comparison") is None and isinstance(actual.get("thresholds"), dict):
        expected = findings(metrics, {k: Fraction(v) for k, v in actual["thresholds"].items()}, cleanup)
        got = [(f.get("id"), f.get("severity")) for f in actual.get("findings", [])]
        if [list(e) for e in expected] != [list(g) for g in got]:
            problems.append("findings: expected %s, got %s" % (expected, got))
    for p in problems:
        print(p.lstrip("."))
    return 1 if problems else 0


# ---- clean-up (--cleanup SAVED_DIR) ----

def seconds_of(text):
    """An ISO-8601 instant -> seconds since the epoch (UTC)."""
    g = DATE.match(text)
    if not g:
        raise ValueError("bad date " + repr(text))
    secs = days_from_civil(int(g.group(1)), int(g.group(2)), int(g.group(3))) * 86400
    if g.group(4):
        secs += int(g.group(4)) * 3600 + int(g.group(5)) * 60 + int(g.group(6) or 0)
        if g.group(8):
            off = int(g.group(9)) * 3600 + int(g.group(10) or 0) * 60
            secs -= off if g.group(8) == "+" else -off
    return secs


def utc_days(then, now):
    return now // 86400 - then // 86400


def rows_of(doc):
    r = doc["results"]
    return r if isinstance(r, list) else r["data"]


def cleanup_expected(folder, payload, now, t):
    import os
    with open(os.path.join(folder, "index.json"), "rb") as f:
        index = json.load(f)
    def load(name):
        with open(os.path.join(folder, name), "rb") as f:
            return json.load(f)
    refused = {r["route"] for r in index.get("refused", [])}
    results = payload.get("results", payload)
    inactive = {r["userUuid"]: count(r) for r in results.get("tableNoQueries") or []}
    active_ids = {r["userUuid"] for r in results.get("tableMostQueries") or []}
    out = {}
    schedulers = None
    if "schedulers" not in refused and index.get("schedulers"):
        schedulers = []
        seen = set()
        for s in rows_of(load(index["schedulers"])):
            if s["schedulerUuid"] not in seen:
                seen.add(s["schedulerUuid"])
                schedulers.append(s)
    delivered = {s.get("savedChartUuid") or s.get("dashboardUuid") for s in schedulers or [] if s.get("enabled", True)}
    stale_ids = set()
    if "content" not in refused and index.get("content"):
        items, seen, total, has_last = [], set(), None, False
        for name in index["content"]:
            doc = load(name)
            r = doc["results"]
            if isinstance(r, dict) and "pagination" in r:
                total = max(total or 0, r["pagination"]["totalResults"])
            for it in rows_of(doc):
                if it["contentType"] not in ("chart", "dashboard"):
                    continue
                if "lastViewedAt" in it:
                    has_last = True
                if it["uuid"] in seen:
                    continue
                seen.add(it["uuid"])
                items.append(it)
        stale, grace = [], 0
        for it in items:
            last = seconds_of(it["lastViewedAt"]) if it.get("lastViewedAt") else None
            never = last is None if has_last else it.get("views", 0) == 0
            since = utc_days(last, now) if last is not None else None
            if not (never or (has_last and since is not None and since > t["staleDays"])):
                continue
            changed = [seconds_of(it[k]) for k in ("createdAt", "lastUpdatedAt") if it.get(k)]
            if changed and utc_days(max(changed), now) <= t["staleGraceDays"]:
                grace += 1
                continue
            stale.append((it["uuid"], None if never else since, it["uuid"] in delivered))
        stale_ids = {u for u, _, _ in stale}
        out["staleContent"] = {
            "considered": len(items), "announced": total, "inGrace": grace, "stale": len(stale),
            "neverViewed": sum(1 for s in stale if s[1] is None), "delivered": sum(1 for s in stale if s[2]),
            "items": sorted(stale, key=lambda s: (-(s[1] if s[1] is not None else 10 ** 12), s[0])),
        }
    else:
        out["staleContent"] = None
    members = None
    if "members" not in refused and index.get("members"):
        members = {}
        for m in rows_of(load(index["members"])):
            members.setdefault(m["userUuid"], m)
    def deactivated(m):
        return m.get("isActive", True) is False and m.get("isPending") is False
    if schedulers is not None:
        errors = {}
        if "logs" not in refused:
            seen = set()
            for name in index.get("logs") or []:
                doc = load(name)["results"]
                for log in doc.get("data", doc)["logs"]:
                    key = (log.get("jobId"), log.get("task"), log.get("status"))
                    if key in seen:
                        continue
                    seen.add(key)
                    if log.get("status") == "error":
                        errors[log.get("schedulerUuid")] = errors.get(log.get("schedulerUuid"), 0) + 1
        rows = {}
        for s in schedulers:
            run = s.get("latestRun")
            status = "none" if not run else (run.get("runStatus") or ("failed" if run.get("status") == "error" else run.get("status")))
            owner = s.get("createdBy")
            rows[s["schedulerUuid"]] = {
                "latestRun": status, "enabled": s.get("enabled", True), "errors7d": errors.get(s["schedulerUuid"], 0),
                "ownerInactive": owner in inactive and inactive[owner] >= 90,
                "ownerDeactivated": bool(members and owner in members and deactivated(members[owner])),
                "staleContent": (s.get("savedChartUuid") or s.get("dashboardUuid")) in stale_ids,
            }
        out["deliveries"] = rows
    else:
        out["deliveries"] = None
    if members is not None:
        team = {"admin", "developer", "editor"}
        def pending(m):
            return m["isPending"] if isinstance(m.get("isPending"), bool) else not m.get("isActive", True)
        old = {u for u, m in members.items() if pending(m) and m.get("userCreatedAt")
               and utc_days(seconds_of(m["userCreatedAt"]), now) > t["pendingInviteDays"]}
        idle = {u for u in inactive if u in members and members[u].get("role") in team and not deactivated(members[u])}
        share_n = sum(1 for u in active_ids if u in members and members[u].get("role") in team)
        out["seats"] = {
            "active": sum(1 for m in members.values() if m.get("isActive", True) and not pending(m)),
            "pending": sum(1 for m in members.values() if pending(m)),
            "deactivated": sum(1 for m in members.values() if deactivated(m)),
            "oldInvites": old, "inactiveAdminsEditors": idle,
            "adminDataShare": Fraction(share_n, len(active_ids)) if active_ids else None,
        }
    else:
        out["seats"] = None
    return out


def check_cleanup(folder, payload, actual, problems):
    c = actual.get("cleanup") if isinstance(actual, dict) else None
    if not isinstance(c, dict):
        problems.append("cleanup: missing from insights.json")
        return
    now = seconds_of(c["asOf"])
    t = {k: int(v) for k, v in c["thresholds"].items()}
    e = cleanup_expected(folder, payload, now, t)
    got = c.get("staleContent")
    if (e["staleContent"] is None) != (got is None):
        problems.append("cleanup.staleContent: expected %s" % ("null" if e["staleContent"] is None else "a group"))
    elif got is not None:
        exp = e["staleContent"]
        for k in ("considered", "announced", "inGrace", "stale", "neverViewed", "delivered"):
            if got.get(k) != exp[k]:
                problems.append("cleanup.staleContent.%s: expected %s, got %s" % (k, exp[k], got.get(k)))
        want = [list(s) for s in exp["items"]]
        have = [[i["uuid"], i["daysSinceView"], i["delivered"]] for i in got["items"]]
        # Equal days are ordered by name in the file: compare as sets within the documented order of days.
        if sorted(want, key=str) != sorted(have, key=str) or [w[1] for w in want] != [h[1] for h in have]:
            problems.append("cleanup.staleContent.items: expected %s, got %s" % (want, have))
    got = c.get("deliveries")
    if (e["deliveries"] is None) != (got is None):
        problems.append("cleanup.deliveries: expected %s" % ("null" if e["deliveries"] is None else "a group"))
    elif got is not None:
        have = {i["uuid"]: i for i in got["items"]}
        if set(have) != set(e["deliveries"]):
            problems.append("cleanup.deliveries.items: expected %s, got %s" % (sorted(e["deliveries"]), sorted(have)))
        for u, row in e["deliveries"].items():
            for k, v in row.items():
                if u in have and have[u].get(k) != v:
                    problems.append("cleanup.deliveries[%s].%s: expected %s, got %s" % (u, k, v, have[u].get(k)))
        rows = e["deliveries"].values()
        for k, v in (("total", len(rows)), ("failing", sum(r["latestRun"] == "failed" for r in rows)),
                     ("partialFailure", sum(r["latestRun"] == "partial_failure" for r in rows)),
                     ("disabled", sum(not r["enabled"] for r in rows)),
                     ("ownerInactiveOrDeactivated", sum(r["ownerInactive"] or r["ownerDeactivated"] for r in rows)),
                     ("ofStaleContent", sum(r["staleContent"] for r in rows))):
            if got.get(k) != v:
                problems.append("cleanup.deliveries.%s: expected %s, got %s" % (k, v, got.get(k)))
    got = c.get("seats")
    if (e["seats"] is None) != (got is None):
        problems.append("cleanup.seats: expected %s" % ("null" if e["seats"] is None else "a group"))
    elif got is not None:
        exp = e["seats"]
        for k in ("active", "pending", "deactivated"):
            if got.get(k) != exp[k]:
                problems.append("cleanup.seats.%s: expected %s, got %s" % (k, exp[k], got.get(k)))
        for k in ("oldInvites", "inactiveAdminsEditors"):
            if {x["uuid"] for x in got.get(k, [])} != exp[k]:
                problems.append("cleanup.seats.%s: expected %s, got %s" % (k, sorted(exp[k]), [x["uuid"] for x in got.get(k, [])]))
        share = exp["adminDataShare"]
        have = got.get("adminDataShare")
        if (share is None) != (have is None) or (share is not None and abs(Fraction(have) - share) > Fraction(1, 20000)):
            problems.append("cleanup.seats.adminDataShare: expected %s, got %s" % (share and float(share), have))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
