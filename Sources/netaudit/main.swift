print("netaudit")
