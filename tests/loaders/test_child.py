"""loaders/child.py: a writer in a child process, its answer or its error brought back."""
import pytest

from huiyi.graph.models import ConfigError, StoreError
from huiyi.loaders.child import Child


def _total(*numbers):
    return sum(numbers)


def _refuse(name):
    raise ConfigError(f"{name}: layout 'spiral' unknown")


def _crash():
    return 1 / 0


def test_the_answer_comes_back_and_waiting_again_gives_it_again():
    child = Child(_total, 1, 2, 3, what="adder")
    assert child.wait() == 6 and child.wait() == 6
    assert child.process.exitcode == 0


def test_errors_come_back_as_the_given_kind_with_their_message():
    with pytest.raises(StoreError, match="out/graph.html: layout 'spiral' unknown"):
        Child(_refuse, "out/graph.html", what="the page writer", error=StoreError).wait()
    crashed = Child(_crash, what="out/graph.lbug: the store writer")
    for _ in range(2):  # the same error, however often it is asked for
        with pytest.raises(Exception, match="out/graph.lbug: the store writer failed: ZeroDivisionError"):
            crashed.wait()
