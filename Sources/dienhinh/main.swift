print("dienhinh")
