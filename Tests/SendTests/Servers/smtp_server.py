#!/usr/bin/env python3
"""A real SMTP server on loopback for the send tests: aiosmtpd (PyPI) with STARTTLS on the
certificate given (the tests make a self-signed one with openssl), AUTH PLAIN/LOGIN checked
against --user and --password-file, a message size limit, and an optional number of first
connections refused with 421. Each message received is saved as message-N.eml (the bytes as
they arrived) and message-N.json (the envelope and the session).

Prints "ready PORT" once listening; stops when its standard input closes or after --lifetime
seconds, so it never outlives the test that started it.
"""
import argparse
import asyncio
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

p = argparse.ArgumentParser()
p.add_argument("--out", required=True, help="folder for the messages received")
p.add_argument("--port", type=int, default=0)
p.add_argument("--cert", help="PEM certificate: offer STARTTLS (and require it)")
p.add_argument("--key", help="PEM private key of --cert")
p.add_argument("--implicit-tls", action="store_true", help="TLS from the first byte (smtps) instead of STARTTLS")
p.add_argument("--user", help="require AUTH as this user")
p.add_argument("--password-file", help="the user's password")
p.add_argument("--size-limit", type=int, default=32 << 20)
p.add_argument("--refuse", type=int, default=0, help="answer the first N connections with 421 and close them")
p.add_argument("--lifetime", type=float, default=300)
args = p.parse_args()

password = None
if args.password_file:
    with open(args.password_file, "rb") as f:
        password = f.read().strip()


class Handler:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(args.out, f"message-{self.count}")
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None or args.implicit_tls,
            "authenticated": bool(session.authenticated),
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
        }
        with open(base + ".json", "w") as f:
            json.dump(meta, f)
        return "250 2.0.0 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login.decode() == args.user
        and auth_data.password == password
    )
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


class Refuser(asyncio.Protocol):
    """An SMTP server that is not available: 421 at once, then the connection closes."""

    def connection_made(self, transport):
        transport.write(b"421 4.3.2 Service not available, try again later\r\n")
        transport.close()


async def main():
    tls = None
    if args.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    handler = Handler()
    refused = [0]

    def factory():
        if refused[0] < args.refuse:
            refused[0] += 1
            return Refuser()
        starttls = tls if not args.implicit_tls else None
        return SMTP(
            handler,
            hostname="activityreport-test",
            tls_context=starttls,
            require_starttls=starttls is not None,
            authenticator=authenticator if args.user else None,
            auth_required=bool(args.user),
            # With implicit TLS the whole connection is encrypted before the first command.
            auth_require_tls=not args.implicit_tls,
            data_size_limit=args.size_limit,
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        factory, host="127.0.0.1", port=args.port, ssl=tls if args.implicit_tls else None)
    print(f"ready {server.sockets[0].getsockname()[1]}", flush=True)
    done = asyncio.Event()
    loop.add_reader(sys.stdin.fileno(), lambda: done.set() if not os.read(sys.stdin.fileno(), 1024) else None)
    try:
        await asyncio.wait_for(done.wait(), timeout=args.lifetime)
    except asyncio.TimeoutError:
        pass
    server.close()


asyncio.run(main())
