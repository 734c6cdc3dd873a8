from clearinghouse.manage import main

main()
