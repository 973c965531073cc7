#!/usr/bin/env python3
"""Writes Instagram / Messenger fixtures the way Meta does: every string's UTF-8 bytes escaped as \\u00XX."""
import json

def moji(s):
    return s.encode("utf-8").decode("latin-1")

def fix(o):
    if isinstance(o, str):
        return moji(o)
    if isinstance(o, list):
        return [fix(x) for x in o]
    if isinstance(o, dict):
        return {k: fix(v) for k, v in o.items()}
    return o

def dump(name, obj):
    with open(name, "w", encoding="ascii") as f:
        f.write(json.dumps(fix(obj), indent=2))

# Instagram, 2024 layout (your_instagram_activity/messages/inbox/...), newest first.
dump("instagram-message_1.json", {
    "participants": [{"name": "Zoë 🌸"}, {"name": "victim.account"}],
    "messages": [
        {"sender_name": "Zoë 🌸", "timestamp_ms": 1703509620123, "content": "Réponds ou je publie 😡",
         "is_geoblocked_for_viewer": False},
        {"sender_name": "Zoë 🌸", "timestamp_ms": 1703509560000,
         "photos": [{"uri": "your_instagram_activity/messages/inbox/zoe_123/photos/3456.jpg",
                     "creation_timestamp": 1703509560}], "is_geoblocked_for_viewer": False},
        {"sender_name": "victim.account", "timestamp_ms": 1703509500000,
         "share": {"link": "https://www.instagram.com/p/Cabc123/", "share_text": "post"},
         "is_geoblocked_for_viewer": False},
        {"sender_name": "victim.account", "timestamp_ms": 1703509440000, "content": "Arrête s'il te plaît",
         "reactions": [{"reaction": "❤", "actor": "Zoë 🌸"}], "is_geoblocked_for_viewer": False},
    ],
    "title": "Zoë 🌸",
    "is_still_participant": True,
    "thread_path": "inbox/zoe_123",
    "magic_words": [],
})

# Facebook Messenger, 2023 layout (messages/inbox/...), with an unsent message and a group join.
dump("messenger-message_1.json", {
    "participants": [{"name": "Jürgen Müller"}, {"name": "Anna Schmidt"}],
    "messages": [
        {"sender_name": "Anna Schmidt", "timestamp_ms": 1703509700000, "content": "Anna Schmidt unsent a message",
         "type": "Generic", "is_unsent": True, "is_taken_down": False},
        {"sender_name": "Jürgen Müller", "timestamp_ms": 1703509650000,
         "videos": [{"uri": "messages/inbox/jurgenmuller_456/videos/789.mp4", "creation_timestamp": 1703509650}],
         "type": "Generic", "is_unsent": False},
        {"sender_name": "Jürgen Müller", "timestamp_ms": 1703509600000, "content": "Grüße aus Köln",
         "type": "Generic", "is_unsent": False},
        {"sender_name": "Anna Schmidt", "timestamp_ms": 1703509500000, "content": "Anna Schmidt added Jürgen Müller to the group.",
         "type": "Subscribe", "is_unsent": False},
    ],
    "title": "Jürgen Müller",
    "is_still_participant": True,
    "thread_path": "inbox/jurgenmuller_456",
    "thread_type": "Regular",
    "joinable_mode": {"mode": 1, "link": ""},
})
