#!/usr/bin/env python3
"""Writes the Snapchat "My Data" fixtures. Run from this folder; the output files are committed.

`mydata~1716000000000/` is laid out as the 2024 download ("My Data" → "Export your Chat History" and "Export
your Memories" ticked, format JSON): `json/chat_history.json`, `json/snap_history.json` and `chat_media/`, whose
files are named `<date>_<media id>.<ext>`. Snapchat writes JSON with two-space indentation and non-ASCII
characters as they are. `chat_history-2021.json` is the older layout (saved/unsaved, received/sent lists).
Usernames and contents are invented.
"""
import json

MEDIA_ID = "b~EiQSFTM0SEdmSTFNRzBDdkhlelFQS1hLUhoAGgAyAXxIAlAEYAE"
chat = {
    "jake_22": [
        {"From": "jake_22", "Media Type": "TEXT", "Created": "2024-04-20 01:29:22 UTC",
         "Content": "send me more or I show everyone 😈", "Conversation Title": None, "IsSender": False,
         "Created(microseconds)": 1713576562686, "IsSaved": True, "Media IDs": ""},
        {"From": "lina.v", "Media Type": "MEDIA", "Created": "2024-04-20 01:30:05 UTC",
         "Content": "", "Conversation Title": None, "IsSender": True,
         "Created(microseconds)": 1713576605120, "IsSaved": True, "Media IDs": MEDIA_ID},
        {"From": "jake_22", "Media Type": "NOTE", "Created": "2024-04-20 01:31:00 UTC",
         "Content": "", "Conversation Title": None, "IsSender": False,
         "Created(microseconds)": 1713576660000, "IsSaved": False, "Media IDs": "b~NotInTheDownload"},
        {"From": "jake_22", "Media Type": "STATUSERASEDMESSAGE", "Created": "2024-04-20 01:32:00 UTC",
         "Content": "", "Conversation Title": None, "IsSender": False,
         "Created(microseconds)": 1713576720000, "IsSaved": False, "Media IDs": ""},
    ],
    "0b3c2a9e-1111-4c2d-9e8f-5a6b7c8d9e0f": [
        {"From": "jake_22", "Media Type": "TEXT", "Created": "2024-04-21 09:00:00 UTC",
         "Content": "everyone will see", "Conversation Title": "Class of 2025", "IsSender": False,
         "Created(microseconds)": 1713690000000, "IsSaved": True, "Media IDs": ""},
    ],
}
snaps = {
    "jake_22": [
        {"From": "jake_22", "Media Type": "IMAGE", "Created": "2024-04-19 22:10:00 UTC",
         "Conversation Title": None, "IsSender": False, "Created(microseconds)": 1713564600000},
        {"From": "lina.v", "Media Type": "VIDEO", "Created": "2024-04-19 22:11:30 UTC",
         "Conversation Title": None, "IsSender": True, "Created(microseconds)": 1713564690000},
    ],
}
older = {
    "Received Saved Chat History": [
        {"From": "jake_22", "Media Type": "TEXT", "Created": "2021-06-01 18:00:00 UTC", "Text": "hey"},
    ],
    "Sent Saved Chat History": [
        {"To": "jake_22", "Media Type": "TEXT", "Created": "2021-06-01 18:01:00 UTC", "Text": "who is this"},
    ],
    "Received Unsaved Chat History": [
        {"From": "jake_22", "Media Type": "MEDIA", "Created": "2021-06-01 18:02:00 UTC", "Text": ""},
    ],
    "Sent Unsaved Chat History": [],
}


def write(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, ensure_ascii=False)


write("mydata~1716000000000/json/chat_history.json", chat)
write("mydata~1716000000000/json/snap_history.json", snaps)
write("chat_history-2021.json", older)
with open(f"mydata~1716000000000/chat_media/2024-04-20_{MEDIA_ID}.jpeg", "wb") as f:
    f.write(bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9"))
