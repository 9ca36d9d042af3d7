"""The recorder: a sink that follows a session item by item and closes its record at the end."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from facelift.play.player import Event, EventKind, Outcome
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.play.timeline import CueKind, Timeline


@dataclass
class Recorder:
    """`record` is None until the session ends, and stays None when it was stopped during the
    get-ready countdown: nothing was played."""

    timeline: Timeline
    started: str
    path: str | None = None  # see SessionRecord.path
    steps: list[StepRecord] = field(default_factory=list)
    current: StepRecord | None = None
    current_item: int = -1
    record: SessionRecord | None = None

    def handle(self, event: Event) -> None:
        snapshot = event.snapshot
        if snapshot.lead_in > 0:
            return
        segment = snapshot.segment
        opening = event.cue is not None and event.cue.kind in (CueKind.STEP, CueKind.REST)
        if self.current is None or opening or self._item_changed(snapshot.index):
            self._close(snapshot.active)
            self.current = StepRecord(
                title=segment.title,
                kind=ItemKind.REST if segment.is_rest else ItemKind.STEP,
                step_number=segment.step_number,
                planned_start=self._item_start(segment.item_index),
                planned_seconds=self._item_seconds(segment.item_index),
                actual_start=snapshot.active,
                actual_seconds=0.0,
            )
            self.current_item = segment.item_index
        if event.kind is EventKind.SKIP and self.current:
            self.current = dataclasses.replace(self.current, skipped=True)
        if event.kind in (EventKind.FINISH, EventKind.STOP):
            self._close(snapshot.active)
            outcome = Outcome.COMPLETED if event.kind is EventKind.FINISH else Outcome.STOPPED
            self.record = SessionRecord(
                routine=self.timeline.routine.name,
                title=self.timeline.routine.title,
                started=self.started,
                status=SessionStatus(outcome.value),
                planned_seconds=self.timeline.total,
                active_seconds=snapshot.active,
                paused_seconds=snapshot.paused_total,
                steps=tuple(self.steps),
                scale=self.timeline.scale,
                from_step=self.timeline.from_step,
                path=self.path,
            )

    def _item_changed(self, index: int) -> bool:
        return self.timeline.segments[index].item_index != self.current_item

    def _close(self, active: float) -> None:
        if self.current is not None:
            # floating-point sums can leave -1e-13 where a step lasted no time at all
            seconds = max(0.0, active - self.current.actual_start)
            self.steps.append(dataclasses.replace(self.current, actual_seconds=seconds))
            self.current = None

    def _item_start(self, item_index: int) -> float:
        return min(s.start for s in self.timeline.segments if s.item_index == item_index)

    def _item_seconds(self, item_index: int) -> float:
        return sum(s.seconds for s in self.timeline.segments if s.item_index == item_index)
