"""Progress for the import commands: a tqdm bar on a terminal, a plain line every 10% elsewhere (logs, CI)."""

from tqdm import tqdm


class CommandProgress:
    """Passed to the services as ``progress(done, total)`` and ``log(message)``; each message starts a new bar."""

    def __init__(self, stdout, *, interactive: bool):
        self.stdout = stdout
        self.interactive = interactive
        self.bar = None
        self.label = ""
        self.last_step = -1

    def log(self, message: str):
        self.close()
        self.label = message
        self.stdout.write(message)

    def __call__(self, done: int, total: int | None):
        if self.interactive:
            if self.bar is None:
                self.bar = tqdm(total=total, unit_scale=True, leave=False, file=self.stdout._out)
            if total and self.bar.total != total:
                self.bar.total = total
            self.bar.update(done - self.bar.n)
            if total and done >= total:
                self.bar.refresh()  # tqdm skips redraws within 0.1 s of the last one; always show the end
            return
        if not total:
            return
        step = min(10, done * 10 // total)
        if step > self.last_step:
            self.last_step = step
            self.stdout.write(f"  {step * 10}%")

    def close(self):
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        self.last_step = -1
