window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "victim@example.org",
      "createdVia" : "web",
      "username" : "lina_v",
      "accountId" : "1500000000000000001",
      "createdAt" : "2022-03-01T10:00:00.000Z",
      "accountDisplayName" : "Lina"
    }
  }
]