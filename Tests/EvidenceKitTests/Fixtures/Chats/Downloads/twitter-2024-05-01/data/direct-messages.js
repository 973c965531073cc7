window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1500000000000000001-1600000000000000002",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "1500000000000000001",
            "reactions" : [],
            "urls" : [],
            "text" : "pay 200 or the photos go public",
            "mediaUrls" : [],
            "senderId" : "1600000000000000002",
            "id" : "1785000000000000010",
            "createdAt" : "2024-04-29T21:45:10.123Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1600000000000000002",
            "reactions" : [],
            "urls" : [],
            "text" : "https://t.co/AbCdEf1234",
            "mediaUrls" : [
              "https://ton.twitter.com/dm/1785000000000000011/1785000000000000099/XyZ12345.jpg"
            ],
            "senderId" : "1500000000000000001",
            "id" : "1785000000000000011",
            "createdAt" : "2024-04-29T21:46:00.000Z"
          }
        }
      ]
    }
  }
]