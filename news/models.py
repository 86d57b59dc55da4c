# Articles that report on plans arrive with the news issue.
