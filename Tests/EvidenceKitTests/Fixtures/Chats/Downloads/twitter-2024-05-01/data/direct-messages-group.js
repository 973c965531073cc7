window.YTD.direct_messages_group.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1785000000000000500",
      "messages" : [
        {
          "participantsJoin" : {
            "initiatingUserId" : "1600000000000000002",
            "userIds" : [
              "1500000000000000001"
            ],
            "createdAt" : "2024-04-30T08:00:00.000Z"
          }
        },
        {
          "conversationNameUpdate" : {
            "initiatingUserId" : "1600000000000000002",
            "name" : "exposed",
            "createdAt" : "2024-04-30T08:00:05.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "everyone look",
            "mediaUrls" : [],
            "senderId" : "1600000000000000002",
            "id" : "1785000000000000600",
            "createdAt" : "2024-04-30T08:01:00.000Z"
          }
        }
      ]
    }
  }
]