"""Every write to Claimbook's data goes through a function here (HackSoft-style services).

Views, the admin, management commands and tasks call these; they never save models themselves.
"""
