"""A test SMTP server: keeps every message it receives, refuses some recipients.

    python smtp_server.py --port 0 --dir DIR [--host 127.0.0.1] [--stop-on-eof]

Listens on HOST:PORT (port 0: a free one) and prints "ready PORT" on stdout once it accepts
connections. Each message received is saved in DIR as N.eml (the bytes after DATA, as received,
dot-unstuffed) with N.json beside it: {"mail_from": ..., "rcpt_tos": [...]}, N counting from 1.
N.json is written first and N.eml last, each by a rename, so a reader that sees N.eml sees both
complete. RCPT TO an address starting with "refuse" is answered
"550 5.1.1 <address>: Recipient address rejected" (a permanent refusal), one starting with "busy"
"451 4.3.0 <address>: Try again later" (a transient one).

With --stop-on-eof the server stops when its stdin closes, so a test that dies cannot leave it
running. Used by runway-mail's tests, and by the CLI's and the app's.
Needs aiosmtpd (tests/e2e/requirements.txt; `make deps-test` installs it into .venv).
"""

import argparse
import asyncio
import json
import os
import sys
import threading

from aiosmtpd.smtp import SMTP


class Keeper:
    """The aiosmtpd handler: refuses the "refuse…" and "busy…" recipients, saves each message."""

    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refuse"):
            return f"550 5.1.1 <{address}>: Recipient address rejected"
        if address.lower().startswith("busy"):
            return f"451 4.3.0 <{address}>: Try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, str(self.count))
        record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}
        write(base + ".json", json.dumps(record, indent=2).encode())
        write(base + ".eml", envelope.original_content)
        return f"250 2.0.0 Ok: queued as {self.count}"


def write(path, data):
    partial = path + ".partial"
    with open(partial, "wb") as file:
        file.write(data)
    os.replace(partial, path)


async def serve(host, port, directory, stop_on_eof):
    loop = asyncio.get_running_loop()
    keeper = Keeper(directory)
    # decode_data=False keeps the message as bytes; enable_SMTPUTF8 accepts UTF-8 addresses.
    server = await loop.create_server(
        lambda: SMTP(keeper, hostname="runway-test-smtp", decode_data=False, enable_SMTPUTF8=True),
        host=host,
        port=port,
    )
    print(f"ready {server.sockets[0].getsockname()[1]}", flush=True)
    if stop_on_eof:
        stopped = loop.create_future()
        threading.Thread(target=lambda: (sys.stdin.read(), loop.call_soon_threadsafe(stopped.set_result, None)), daemon=True).start()
        await stopped
        server.close()
        await server.wait_closed()
    else:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True, help="0 picks a free port")
    parser.add_argument("--dir", required=True, help="where the messages are saved (created if missing)")
    parser.add_argument("--stop-on-eof", action="store_true", help="stop when stdin closes")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    try:
        asyncio.run(serve(args.host, args.port, args.dir, args.stop_on_eof))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
