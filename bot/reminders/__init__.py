"""Meeting and action reminders: schedules, a durable exactly-once dispatcher, calendars.

    schedules.py          schedules/*.yaml -> typed, validated ``Schedules`` (path:line problems)
    occurrences.py        RRULE expansion in local time, exceptions, bank holidays, firings
    store.py              SQLAlchemy 2 tables: subscriptions, action status + audit, deliveries
    dispatcher.py         plan (claim in the DB) then drain (send once); grace window; recovery
    messages.py           the reminder texts
    calendar.py           RFC 5545 iCalendar, its VTIMEZONE read from the tz database
    senders.py            Telegram sender (403 -> ChatBlocked, RetryAfter honoured), console sender
    service.py            wiring from Settings; the console's reminder thread
    telegram_commands.py  the Telegram plugin: commands and the minute wake-up job
    cli.py                ``sgbot calendar`` and ``sgbot reminders list|send-due``

One sender per database: the Telegram bot *or* ``sgbot reminders send-due`` from cron
(the console uses chat 0 only and never touches Telegram chats' rows).
"""
