#!/usr/bin/env python3
"""Writes the Telegram Desktop fixtures. Telegram Desktop 4.x writes UTF-8 (not \\u escapes), one-space indent."""
import json

def dump(name, obj):
    with open(name, "w", encoding="utf-8") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=1))

single = {
    "name": "Alice 🌸",
    "type": "personal_chat",
    "id": 4815162342,
    "messages": [
        {"id": 101, "type": "message", "date": "2023-12-25T14:03:22", "date_unixtime": "1703509402",
         "from": "Alice 🌸", "from_id": "user4815162342", "text": "Salut ! Ça va ?",
         "text_entities": [{"type": "plain", "text": "Salut ! Ça va ?"}]},
        {"id": 102, "type": "message", "date": "2023-12-25T14:04:00", "date_unixtime": "1703509440",
         "edited": "2023-12-25T14:06:10", "edited_unixtime": "1703509570",
         "from": "Bob", "from_id": "user42", "reply_to_message_id": 101,
         "text": ["Look at ", {"type": "bold", "text": "this"}, " and ", {"type": "link", "text": "https://example.org"}],
         "text_entities": [{"type": "plain", "text": "Look at "}, {"type": "bold", "text": "this"},
                           {"type": "plain", "text": " and "}, {"type": "link", "text": "https://example.org"}]},
        {"id": 103, "type": "message", "date": "2023-12-25T14:05:00", "date_unixtime": "1703509500",
         "from": "Bob", "from_id": "user42", "photo": "photos/photo_1@25-12-2023_14-05-00.jpg",
         "width": 1280, "height": 960, "text": "", "text_entities": []},
        {"id": 104, "type": "message", "date": "2023-12-25T14:06:00", "date_unixtime": "1703509560",
         "from": "Alice 🌸", "from_id": "user4815162342", "file": "files/contract.pdf",
         "mime_type": "application/pdf", "text": "the file", "text_entities": [{"type": "plain", "text": "the file"}]},
        {"id": 105, "type": "message", "date": "2023-12-25T14:07:00", "date_unixtime": "1703509620",
         "from": "Bob", "from_id": "user42",
         "photo": "(File not included. Change data exporting settings to download.)",
         "width": 800, "height": 600, "text": "", "text_entities": []},
        {"id": 106, "type": "service", "date": "2023-12-25T14:08:00", "date_unixtime": "1703509680",
         "actor": "Bob", "actor_id": "user42", "action": "phone_call", "duration_seconds": 12,
         "discard_reason": "hangup", "text": "", "text_entities": []},
    ],
}
dump("result-single.json", single)

full = {
    "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't use your data for ad targeting and doesn't store it for longer than necessary.",
    "personal_information": {"user_id": 4242, "first_name": "Victim", "last_name": "", "phone_number": "+32 470 00 00 00", "bio": ""},
    "chats": {
        "about": "This page lists all chats from this export.",
        "list": [
            {"name": "Alice", "type": "personal_chat", "id": 1, "messages": [
                {"id": 1, "type": "message", "date": "2024-03-31T03:30:00", "date_unixtime": "1711848600",
                 "from": "Alice", "from_id": "user1", "text": "first chat", "text_entities": []}]},
            {"name": "Group \"Ünïcode\"", "type": "private_group", "id": 2, "messages": [
                {"id": 7, "type": "service", "date": "2024-01-01T10:00:00", "date_unixtime": "1704099600",
                 "actor": "Carol", "actor_id": "user3", "action": "create_group", "title": "Group \"Ünïcode\"",
                 "members": ["Carol", "Victim"], "text": "", "text_entities": []},
                {"id": 8, "type": "message", "date": "2024-01-01T10:01:00", "date_unixtime": "1704099660",
                 "from": None, "from_id": "user99", "text": "from a deleted account", "text_entities": []}]},
        ],
    },
}
dump("result-full.json", full)

old = {"name": "Old", "type": "personal_chat", "id": 3, "messages": [
    {"id": 1, "type": "message", "date": "2020-06-01T12:00:00", "from": "Dan", "from_id": 5, "text": "2020 export"}]}
dump("result-old.json", old)

with open("result-truncated.json", "w", encoding="utf-8") as f:
    f.write(json.dumps(single, ensure_ascii=False, indent=1)[:900])
