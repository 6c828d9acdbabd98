print("toml-json")
