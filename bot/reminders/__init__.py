"""Meeting and action reminders: schedules, a durable exactly-once dispatcher, calendars.

    schedules.py          schedules/*.yaml -> typed, validated ``Schedules`` (path:line problems)
    occurrences.py        RRULE expansion in local time, exceptions, bank holidays, firings
    store.py              SQLAlchemy 2 tables: subscriptions, action status + audit, deliveries
    deliveries.py         the outbox / delivery log: claim, send states, row leases, recovery
    audience.py           which chats a firing goes to
    dispatcher.py         plan (claim in the DB) then drain (send once); grace window; recovery
    sendlock.py           one sender per database (advisory lock / file lock) and its pace
    messages.py           the reminder texts
    calendar.py           RFC 5545 iCalendar, its VTIMEZONE read from the tz database
    senders.py            Telegram sender (403 -> ChatBlocked, RetryAfter honoured), console sender
    service.py            wiring from Settings; the console's reminder thread
    telegram_commands.py  the Telegram plugin: commands and the minute wake-up job
    cli.py                ``sgbot calendar`` and ``sgbot reminders list|send-due``

Any number of processes may share a database (``sgbot run``, cron ``sgbot reminders
send-due``): only the one holding the send lock sends at a time, and a message a live
process is sending is never taken from it (the console uses chat 0 only and never touches
Telegram chats' rows).
"""
