"""Numbers people can trust: checks of contact numbers recorded by admins, and reminders.

    store.py     SQLAlchemy tables: contact_checks (the audit of every check),
                 contact_check_subscribers, contact_check_reminders (one per chat and month)
    due.py       which contacts are due a check (pure: kb, recorded checks, today)
    cli.py       ``sgbot kb verify CONTACT`` and the warnings of ``sgbot kb check``
    telegram.py  the Telegram plugin: /verify, /checks on|off, the monthly reminder, and the
                 engine's snapshot of the last checks

Answering never needs the database: the engine shows the snapshot it was given (or the
knowledge files' dates) and the snapshot is refreshed in the background.
"""
