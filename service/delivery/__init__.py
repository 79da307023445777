"""Delivery: getting already-rendered messages out, losing none.

`tables` holds the outbox (one row per message to one recipient on one channel), written in
the caller's transaction by `outbox.enqueue`; `channels` sends one message by email
(`email_channel`) or to a DingTalk/WeCom group robot (`robots`); `sender.send_due` claims
due messages, sends them and marks them sent, retrying with backoff until a message is
sent or dead (kept, visible in `targetwatch outbox list`).
"""
