"""The names the one-stop frame owns: its events and states, which no spec may give a step's
outcome or a step. The frame itself (who may fire what) is the runtime's (``engine.frame``);
the names are here because the validators check specs against them too.
"""

from __future__ import annotations

__all__ = [
    "ANSWER",
    "APOLOGIZE",
    "AWAITING_SUPPLEMENT",
    "COMPLETE",
    "CORRECT",
    "EXTEND",
    "FRAME_EVENTS",
    "FRAME_STATES",
    "NEW",
    "PAUSE",
    "RECEIVE",
    "REFUSE",
    "REFUSED",
    "REQUEST_SUPPLEMENT",
    "RESERVED_EVENTS",
    "RESUME",
    "SUPPLEMENT",
    "TIMEOUT",
    "WITHDRAW",
    "WITHDRAWN",
]

# Step events: a step is done, a consulted unit answers, a step's time ran out.
COMPLETE = "complete"
ANSWER = "answer"
TIMEOUT = "timeout"

# Frame events (Decree 61/2018/NĐ-CP, Circular 01/2018/TT-VPCP).
RECEIVE = "receive"
REQUEST_SUPPLEMENT = "request_supplement"
SUPPLEMENT = "supplement"
REFUSE = "refuse"
WITHDRAW = "withdraw"
APOLOGIZE = "apologize"
#: Voids the latest effective event of a case with a written reason; the log stays append-only.
CORRECT = "correct"
#: The procedure's terms of time: an extension (``extensions``) moves the appointment; a clock
#: stop (``clock_stops``) stands the clock still until the case resumes.
EXTEND = "extend"
PAUSE = "pause"
RESUME = "resume"

FRAME_EVENTS = (RECEIVE, REQUEST_SUPPLEMENT, SUPPLEMENT, REFUSE, WITHDRAW, APOLOGIZE, CORRECT, EXTEND, PAUSE, RESUME)
#: Names an outcome may not take: they already mean something in every procedure.
RESERVED_EVENTS = frozenset({COMPLETE, ANSWER, TIMEOUT, *FRAME_EVENTS})

# Frame states. NEW exists only inside the machine: a case is born by `receive`.
NEW = "new"
AWAITING_SUPPLEMENT = "awaiting-supplement"
REFUSED = "refused"
WITHDRAWN = "withdrawn"
FRAME_STATES = (AWAITING_SUPPLEMENT, REFUSED, WITHDRAWN)
