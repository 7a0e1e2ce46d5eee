from form8606.cli import main

main()
