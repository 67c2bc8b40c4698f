#pragma once

// Everything in the aio runtime.

#include "aio/clock.hpp"
#include "aio/debug.hpp"
#include "aio/errors.hpp"
#include "aio/event.hpp"
#include "aio/event_loop.hpp"
#include "aio/file.hpp"
#include "aio/gather.hpp"
#include "aio/mutex.hpp"
#include "aio/queue.hpp"
#include "aio/semaphore.hpp"
#include "aio/shield.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"
#include "aio/task_group.hpp"
#include "aio/task_handle.hpp"
#include "aio/tcp.hpp"
#include "aio/to_thread.hpp"
#include "aio/wait_for.hpp"
