import ShipshapeCLI

ShipshapeCommand.runMain()
