from mtfix.cli.app import main

main()
