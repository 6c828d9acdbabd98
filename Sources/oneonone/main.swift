print("oneonone")
