#!/usr/bin/env python3
"""Slack and Microsoft Teams stand-ins on loopback for the send tests.

POST /slack/...  checks the body as Slack checks an incoming-webhook message (Block Kit limits,
                 api.slack.com/reference/block-kit) and answers 200 "ok", or 400 "invalid_blocks".
POST /teams/...  checks the body as a Teams workflow webhook's Adaptive Card message (the card
                 schema's shape, Teams' 28 KB message limit) and answers 202, or 400.
Besides the limits, both refuse text that would make a mention or a link nobody asked for
(Slack: "<!", "<@", "<#"; a "<" that is not one of our "<https://...|report>" links; Teams:
Markdown links in text that Teams would read as Markdown).

--fail N --status S [--retry-after X]: the first N posts get status S instead.
Each post is saved as post-N.json (the body) and post-N.meta.json (path, status, problems).
With --check slack|teams it reads one body from standard input, prints the problems (one a
line) and exits 1 when there are any, without serving.
"""
import argparse
import json
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TEAMS_LIMIT = 28 * 1024


def units(text):
    """Length as Slack counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def check_mrkdwn(text, where, problems):
    for m in re.finditer(r"<([^>]*)>", text):
        inner = m.group(1)
        if not re.match(r"^https?://[^|<>\s]+\|report$", inner):
            problems.append(f"{where}: markup <{inner[:40]}> that is not one of our links")
    if re.search(r"<[!@#]", text):
        problems.append(f"{where}: a mention")


def check_text_object(obj, where, limit, problems, plain_only=False):
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        problems.append(f"{where}: not a text object")
        return
    if plain_only and obj["type"] != "plain_text":
        problems.append(f"{where}: must be plain_text")
    text = obj.get("text")
    if not isinstance(text, str) or not (1 <= units(text) <= limit):
        problems.append(f"{where}: text of {units(text) if isinstance(text, str) else '?'} units (1 to {limit})")
        return
    if obj["type"] == "mrkdwn":
        check_mrkdwn(text, where, problems)


def check_slack(msg):
    problems = []
    if not isinstance(msg, dict):
        return ["not an object"]
    text = msg.get("text")
    if not isinstance(text, str) or not text or units(text) > 40000:
        problems.append("text: missing, empty or over 40,000")
    else:
        check_mrkdwn(text, "text", problems)
    blocks = msg.get("blocks")
    if not isinstance(blocks, list) or not (1 <= len(blocks) <= 50):
        return problems + [f"blocks: {len(blocks) if isinstance(blocks, list) else '?'} (1 to 50)"]
    for i, b in enumerate(blocks):
        where = f"blocks[{i}]"
        t = b.get("type") if isinstance(b, dict) else None
        if t == "header":
            check_text_object(b.get("text"), where + ".text", 150, problems, plain_only=True)
        elif t == "section":
            if "text" not in b and "fields" not in b:
                problems.append(where + ": neither text nor fields")
            if "text" in b:
                check_text_object(b["text"], where + ".text", 3000, problems)
            if "fields" in b:
                fields = b["fields"]
                if not isinstance(fields, list) or not (1 <= len(fields) <= 10):
                    problems.append(where + ".fields: 1 to 10")
                else:
                    for j, f in enumerate(fields):
                        check_text_object(f, f"{where}.fields[{j}]", 2000, problems)
        elif t == "context":
            elements = b.get("elements")
            if not isinstance(elements, list) or not (1 <= len(elements) <= 10):
                problems.append(where + ".elements: 1 to 10")
            else:
                for j, e in enumerate(elements):
                    check_text_object(e, f"{where}.elements[{j}]", 3000, problems)
        elif t == "divider":
            pass
        elif t == "actions":
            elements = b.get("elements")
            if not isinstance(elements, list) or not (1 <= len(elements) <= 25):
                problems.append(where + ".elements: 1 to 25")
            else:
                for j, e in enumerate(elements):
                    if e.get("type") != "button":
                        problems.append(f"{where}.elements[{j}]: not a button")
                        continue
                    check_text_object(e.get("text"), f"{where}.elements[{j}].text", 75, problems, plain_only=True)
                    url = e.get("url", "")
                    if not re.match(r"^https?://", url) or len(url) > 3000:
                        problems.append(f"{where}.elements[{j}].url: not an http(s) URL of at most 3000")
        else:
            problems.append(f"{where}: unknown block type {t!r}")
    return problems


TEAMS_ELEMENTS = {"TextBlock", "RichTextBlock", "FactSet", "ColumnSet", "Container", "Image"}


def check_teams_element(e, where, problems):
    t = e.get("type") if isinstance(e, dict) else None
    if t not in TEAMS_ELEMENTS:
        problems.append(f"{where}: unknown element {t!r}")
        return
    if t == "RichTextBlock":
        inlines = e.get("inlines")
        if not isinstance(inlines, list) or not inlines:
            problems.append(where + ".inlines: none")
            return
        for j, run in enumerate(inlines):
            if not isinstance(run, dict) or run.get("type") != "TextRun" or not isinstance(run.get("text"), str):
                problems.append(f"{where}.inlines[{j}]: not a TextRun with text")
            elif "selectAction" in run and not re.match(r"^https?://", run["selectAction"].get("url", "")):
                problems.append(f"{where}.inlines[{j}].selectAction: not an http(s) URL")
    elif t == "TextBlock":
        text = e.get("text", "")
        if re.search(r"\[[^\]]*\]\([^)]*\)", text):
            problems.append(where + ": a Markdown link in a TextBlock")
    elif t == "FactSet":
        for j, fact in enumerate(e.get("facts", [])):
            if not isinstance(fact.get("title"), str) or not isinstance(fact.get("value"), str):
                problems.append(f"{where}.facts[{j}]: title and value must be text")
            elif re.search(r"\[[^\]]*\]\([^)]*\)", fact["title"] + fact["value"]):
                problems.append(f"{where}.facts[{j}]: a Markdown link")


def check_teams(msg, size):
    problems = []
    if size > TEAMS_LIMIT:
        problems.append(f"message of {size} bytes, over Teams' {TEAMS_LIMIT}")
    if not isinstance(msg, dict) or msg.get("type") != "message":
        return problems + ["type: not \"message\""]
    attachments = msg.get("attachments")
    if not isinstance(attachments, list) or len(attachments) != 1:
        return problems + ["attachments: exactly one card expected"]
    a = attachments[0]
    if a.get("contentType") != "application/vnd.microsoft.card.adaptive":
        problems.append("contentType: not an Adaptive Card")
    card = a.get("content", {})
    if card.get("type") != "AdaptiveCard" or card.get("version") not in ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5"):
        problems.append("content: not an AdaptiveCard of version 1.0 to 1.5")
    body = card.get("body")
    if not isinstance(body, list) or not body:
        problems.append("body: empty")
    else:
        for i, e in enumerate(body):
            check_teams_element(e, f"body[{i}]", problems)
    for i, action in enumerate(card.get("actions", [])):
        if action.get("type") != "Action.OpenUrl" or not re.match(r"^https?://", action.get("url", "")):
            problems.append(f"actions[{i}]: not an Action.OpenUrl with an http(s) URL")
    return problems


def problems_of(kind, raw):
    try:
        msg = json.loads(raw.decode("utf-8"))
    except Exception as e:  # noqa: BLE001 - any decoding failure is a problem to report
        return [f"not JSON: {e}"]
    return check_slack(msg) if kind == "slack" else check_teams(msg, len(raw))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out")
    p.add_argument("--fail", type=int, default=0)
    p.add_argument("--status", type=int, default=503)
    p.add_argument("--retry-after")
    p.add_argument("--check", choices=["slack", "teams"])
    p.add_argument("--lifetime", type=float, default=300)
    args = p.parse_args()
    if args.check:
        problems = problems_of(args.check, sys.stdin.buffer.read())
        for line in problems:
            print(line)
        sys.exit(1 if problems else 0)

    lock = threading.Lock()
    count = [0]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            length = int(self.headers.get("content-length", "0"))
            raw = self.rfile.read(length)
            kind = "slack" if self.path.startswith("/slack/") else "teams" if self.path.startswith("/teams/") else None
            with lock:
                count[0] += 1
                n = count[0]
            problems = problems_of(kind, raw) if kind else ["unknown path"]
            if n <= args.fail:
                status, answer = args.status, {429: "rate_limited", 403: "invalid_token", 404: "no_service"}.get(args.status, "busy")
            elif problems:
                status, answer = 400, "invalid_blocks" if kind == "slack" else "Bad Request: the card does not validate"
            else:
                status, answer = (200, "ok") if kind == "slack" else (202, "")
            with open(os.path.join(args.out, f"post-{n}.json"), "wb") as f:
                f.write(raw)
            with open(os.path.join(args.out, f"post-{n}.meta.json"), "w") as f:
                json.dump({"kind": kind, "status": status, "problems": problems,
                           "contentType": self.headers.get("content-type")}, f)
            body = answer.encode()
            self.send_response(status)
            if args.retry_after and n <= args.fail:
                self.send_header("Retry-After", args.retry_after)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"ready {server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def stdin_closed():
        while os.read(sys.stdin.fileno(), 1024):
            pass

    t = threading.Thread(target=stdin_closed, daemon=True)
    t.start()
    t.join(timeout=args.lifetime)
    server.shutdown()


main()
