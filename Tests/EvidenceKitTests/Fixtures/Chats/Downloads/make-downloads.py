#!/usr/bin/env python3
"""Builds the platform downloads of this folder: each as the unpacked folder a person gets (`<name>/`) and as the
zip the platform hands out (`<name>.zip`). The conversations are the other fixture folders' files, laid out where
each platform puts them, with the files a real download holds besides (profile, settings, ads, pages of the
download's own viewer) so that `add` is seen to leave those inside the zip. Run it in this folder.

Zips are written with fixed times and in sorted order, so running the script again gives the same bytes."""
import os, shutil, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHATS = os.path.dirname(HERE)
# A 22-byte JPEG skeleton (SOI, an empty APP0 marker, EOI), as the other chat fixtures use.
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
# The smallest ISO-BMFF a player opens: an `ftyp` box of brand `isom`.
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"


def fixture(path):
    with open(os.path.join(CHATS, path), "rb") as f:
        return f.read()


DOWNLOADS = {
    # Snapchat "My Data" (2024, JSON): mydata~<number>.zip, unpacked at its root.
    "snapchat-mydata~1716000000000": {
        "index.html": b"<!DOCTYPE html><html><head><title>My Data</title></head><body><h1>My Data</h1></body></html>\n",
        "json/account.json": b'{"Basic Information": {"Username": "lina_v", "Name": "Lina"}}\n',
        "json/chat_history.json": fixture("Snapchat/mydata~1716000000000/json/chat_history.json"),
        "json/snap_history.json": fixture("Snapchat/mydata~1716000000000/json/snap_history.json"),
        "chat_media/2024-04-20_b~EiQSFTM0SEdmSTFNRzBDdkhlelFQS1hLUhoAGgAyAXxIAlAEYAE.jpeg":
            fixture("Snapchat/mydata~1716000000000/chat_media/2024-04-20_b~EiQSFTM0SEdmSTFNRzBDdkhlelFQS1hLUhoAGgAyAXxIAlAEYAE.jpeg"),
        "memories/2024-03-01_memory.jpg": JPEG,
    },
    # Instagram "Download your information" (2024, JSON): two threads, and a profile, ads and a post's photo.
    "instagram-json-2024-06-01": {
        "your_instagram_activity/messages/inbox/zoe_123/message_1.json": fixture("Meta/instagram-message_1.json"),
        "your_instagram_activity/messages/inbox/zoe_123/photos/3456.jpg": JPEG,
        "your_instagram_activity/messages/inbox/desiree_123/message_1.json": fixture("Meta/instagram-no-participants.json"),
        "your_instagram_activity/messages/inbox/desiree_123/photos/4521_n.jpg": JPEG + b"\x00",
        "personal_information/personal_information/personal_information.json": b'{"profile_user": []}\n',
        "ads_information/ads_and_topics/ads_viewed.json": b'{"impressions_history_ads_seen": []}\n',
        "media/posts/202401/17900000000000001.jpg": JPEG + b"\x01",
    },
    # Instagram "Download your information" (2024, HTML, the default format).
    "instagram-html-2024-01-06": {
        "start_here.html": b"<!DOCTYPE html><html><head><title>Your information</title></head><body></body></html>\n",
        "your_instagram_activity/messages/inbox/dana_1234567890/message_1.html":
            fixture("MetaHTML/instagram-dana-2024-01-06/your_instagram_activity/messages/inbox/dana_1234567890/message_1.html"),
        "your_instagram_activity/messages/inbox/dana_1234567890/photos/1122334455.jpg":
            fixture("MetaHTML/instagram-dana-2024-01-06/your_instagram_activity/messages/inbox/dana_1234567890/photos/1122334455.jpg"),
        "personal_information/personal_information/personal_information.html": b"<html><body></body></html>\n",
    },
    # Facebook "Download your information" (2023, JSON, the older layout without your_facebook_activity/).
    "facebook-json-2023": {
        "messages/inbox/jurgenmuller_456/message_1.json": fixture("Meta/messenger-message_1.json"),
        "messages/inbox/jurgenmuller_456/videos/789.mp4": MP4,
        "messages/stickers_used/369239263222822.png": b"\x89PNG\r\n\x1a\n",
        "profile_information/profile_information.json": b'{"profile_v2": {}}\n',
    },
    # Messenger's end-to-end encrypted chats download (2024, messenger.com → Privacy & safety → End-to-end
    # encrypted chats → Message storage → Download secure storage data, JSON): one file per chat, named after it,
    # and one media/ folder for them all.
    "messenger-e2ee-2024-06": {
        "Anna Schmidt_1.json": fixture("Meta/messenger-e2ee.json"),
        "media/1717244990000_0.jpeg": JPEG,
    },
    # Telegram Desktop "Export chat history" (HTML), the export folder zipped by a person.
    "telegram-html-zipped": {
        "ChatExport_2023-11-28/messages.html": fixture("TelegramHTML/ChatExport_2023-11-28/messages.html"),
        "ChatExport_2023-11-28/photos/photo_1@28-11-2023_14-05-00.jpg":
            fixture("TelegramHTML/ChatExport_2023-11-28/photos/photo_1@28-11-2023_14-05-00.jpg"),
        "ChatExport_2023-11-28/css/style.css": b"body { margin: 0 }\n",
        "ChatExport_2023-11-28/js/script.js": b"\"use strict\";\n",
    },
    # Telegram Desktop "Export chat history" (machine-readable JSON), zipped by a person.
    "telegram-json-zipped": {
        "ChatExport_2023-12-25/result.json": fixture("Telegram/result-single.json"),
        "ChatExport_2023-12-25/photos/photo_1@25-12-2023_14-05-00.jpg": JPEG,
    },
    # Discord "Request all of my Data": package.zip (two channels, a 2023 JSON and a 2021 CSV one).
    "discord-package": {
        "README.txt": b"This is your Discord data package.\n",
        "account/user.json": b'{"id": "1001", "username": "lina_v"}\n',
        "messages/index.json": fixture("Discord/package/messages/index.json"),
        "messages/c1102030405060708090/channel.json": fixture("Discord/package/messages/c1102030405060708090/channel.json"),
        "messages/c1102030405060708090/messages.json": fixture("Discord/package/messages/c1102030405060708090/messages.json"),
        "messages/c713000000000000000/channel.json": fixture("Discord/package/messages/c713000000000000000/channel.json"),
        "messages/c713000000000000000/messages.csv": fixture("Discord/package/messages/c713000000000000000/messages.csv"),
    },
    # The X archive (2024): "Download an archive of your data", twitter-<date>-<hash>.zip.
    "twitter-2024-05-01": {
        "Your archive.html": b"<!DOCTYPE html><html><head><title>Your archive</title></head><body></body></html>\n",
        "data/account.js": fixture("X/twitter-2024-05-01/data/account.js"),
        "data/direct-messages.js": fixture("X/twitter-2024-05-01/data/direct-messages.js"),
        "data/direct-messages-group.js": fixture("X/twitter-2024-05-01/data/direct-messages-group.js"),
        "data/direct-message-headers.js": b"window.YTD.direct_message_headers.part0 = []\n",
        "data/tweets.js": b"window.YTD.tweets.part0 = []\n",
        "data/direct_messages_media/1785000000000000011-XyZ12345.jpg":
            fixture("X/twitter-2024-05-01/data/direct_messages_media/1785000000000000011-XyZ12345.jpg"),
        "data/tweets_media/1785000000000000099-AbC.jpg": JPEG + b"\x02",
    },
    # TikTok "Download your data" (2024, All data, JSON).
    "tiktok-json-2024": {
        "user_data_tiktok.json": fixture("TikTok/user_data_tiktok.json"),
    },
    # TikTok "Download your data" (2024, All data, TXT): a folder per section.
    "tiktok-txt-2024": {
        "TikTok_Data_1714600000/Direct Messages/Direct Messages.txt": fixture("TikTok/Direct Messages.txt"),
        "TikTok_Data_1714600000/Activity/Login History.txt": b"Date: 2024-05-01 20:00:00 UTC\r\nIP: 192.0.2.1\r\n",
    },
}


def write(name, files):
    folder = os.path.join(HERE, name)
    shutil.rmtree(folder, ignore_errors=True)
    for path, data in files.items():
        target = os.path.join(folder, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)
    with zipfile.ZipFile(os.path.join(HERE, name + ".zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=(2024, 6, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[path])


for name, files in DOWNLOADS.items():
    write(name, files)
