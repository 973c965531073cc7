#!/usr/bin/env python3
"""Writes the Telegram Desktop HTML fixtures. Run from this folder; the output files are committed.

The layout is Telegram Desktop 4.x's "Export chat history" with format HTML (the default): a folder
`ChatExport_YYYY-MM-DD/` holding `messages.html`, `messages2.html`, … (1,000 messages a page), `css/`, `js/`,
`images/` and the media folders (`photos/`, `files/`, `voice_messages/`, …). One-space indentation per level and a
line per tag, as the app writes them. Names and contents are invented.
"""

HEAD = """<!DOCTYPE html>
<html>

 <head>

  <meta charset="utf-8"/>
<title>Exported Data</title>

  <meta content="width=device-width, initial-scale=1.0" name="viewport"/>

  <link href="css/style.css" rel="stylesheet"/>

  <script src="js/script.js" type="text/javascript">

  </script>

 </head>

 <body onload="CheckLocation();">

  <div class="page_wrap">

   <div class="page_header">

    <div class="content">

     <div class="text bold">
{title}
     </div>

    </div>

   </div>

   <div class="page_body chat_page">

    <div class="history">
"""

TAIL = """
    </div>

   </div>

  </div>

 </body>

</html>
"""


def service(mid, text):
    return f"""
     <div class="message service" id="message{mid}">

      <div class="body details">
{text}
      </div>

     </div>
"""


def message(mid, stamp, shown, sender=None, text=None, media="", reply=None, joined=False, forwarded=None):
    out = f"""
     <div class="message default clearfix{' joined' if joined else ''}" id="message{mid}">
"""
    if not joined:
        out += f"""
      <div class="pull_left userpic_wrap">

       <div class="userpic userpic2" style="width: 42px; height: 42px">

        <div class="initials" style="line-height: 42px">
{sender[0]}
        </div>

       </div>

      </div>
"""
    out += f"""
      <div class="body">

       <div class="pull_right date details" title="{stamp}">
{shown}
       </div>
"""
    if not joined:
        out += f"""
       <div class="from_name">
{sender}
       </div>
"""
    if reply:
        out += f"""
       <div class="reply_to details">
In reply to <a href="#go_to_message{reply}" onclick="return GoToMessage({reply})">this message</a>
       </div>
"""
    inner = ""
    if media:
        inner += f"""
       <div class="media_wrap clearfix">
{media}
       </div>
"""
    if text is not None:
        inner += f"""
       <div class="text">
{text}
       </div>
"""
    if forwarded:
        out += f"""
       <div class="forwarded body">

        <div class="from_name">
{forwarded}<span class="date details" title="01.11.2023 09:00:00 UTC+01:00"> 01.11.2023 09:00:00</span>
        </div>
{inner}
       </div>
"""
    else:
        out += inner
    out += """
      </div>

     </div>
"""
    return out


PHOTO = """
        <a class="photo_wrap clearfix pull_left" href="photos/photo_1@28-11-2023_14-05-00.jpg">

         <img class="photo" src="photos/photo_1@28-11-2023_14-05-00_thumb.jpg" style="width: 260px; height: 195px"/>

        </a>
"""
FILE_NOT_INCLUDED = """
        <div class="media clearfix pull_left media_file">

         <div class="fill pull_left">

         </div>

         <div class="body">

          <div class="title bold">
contract.pdf
          </div>

          <div class="description">
Not included, change data exporting settings to download.
          </div>

          <div class="status details">
1.2 MB
          </div>

         </div>

        </div>
"""
VOICE = """
        <a class="media_voice_message clearfix pull_left block_link" href="voice_messages/audio_1@28-11-2023_14-09-00.ogg">

         <div class="fill pull_left">

         </div>

         <div class="body">

          <div class="title bold">
Voice message
          </div>

          <div class="status details">
0:07, 25.3 KB
          </div>

         </div>

        </a>
"""

page = HEAD.format(title="Family &amp; friends")
page += service(-1, "28 November 2023")
page += service(1, "Alice created group &laquo;Family &amp; friends&raquo;")
page += message(2, "28.11.2023 14:03:22 UTC+01:00", "14:03", sender="Alice",
                text="Hello &lt;everyone&gt;<br>second line &amp; more<br><br><strong>bold</strong> "
                     "<a href=\"https://example.org/x?a=1&amp;b=2\">https://example.org/x?a=1&amp;b=2</a>")
page += message(3, "28.11.2023 14:04:00 UTC+01:00", "14:04", text="again, joined", joined=True)
page += message(4, "28.11.2023 14:05:00 UTC+01:00", "14:05", sender="Bob", media=PHOTO, text="the photo",
                reply=2)
page += message(5, "28.11.2023 14:06:00 UTC+01:00", "14:06", sender="Bob", media=FILE_NOT_INCLUDED)
page += message(6, "28.11.2023 14:09:00 UTC+01:00", "14:09", media=VOICE, joined=True)
page += message(7, "28.11.2023 14:10:00 UTC+01:00", "14:10", sender="Alice", text="pay or I post it",
                forwarded="Mallory")
page += message(8, "28.11.2023 23:59:59 UTC-05:00", "23:59", sender="Bob", text="from New York")
page += TAIL
with open("ChatExport_2023-11-28/messages.html", "wb") as f:
    f.write(page.encode("utf-8"))

# Telegram Desktop 2.x (2019): the same page without the UTC offset in `title`.
old = HEAD.format(title="Bob")
old += message(1, "03.03.2019 10:15:00", "10:15", sender="Bob", text="old export")
old += TAIL
with open("messages-2019.html", "wb") as f:
    f.write(old.encode("utf-8"))

with open("ChatExport_2023-11-28/photos/photo_1@28-11-2023_14-05-00.jpg", "wb") as f:
    f.write(bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9"))
