from usclet.cli import main

main()
