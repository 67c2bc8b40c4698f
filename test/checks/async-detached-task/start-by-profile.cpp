// A runtime's profile says when its tasks start, which its headers may not
// show (tern declares its promises without their bodies): a dropped
// `start: eager` task runs on unwatched (async-detached-task), a dropped
// `start: lazy` one never runs (async-missing-co-await). A task type the
// profile names without a start is read from its promise.
// RUN: %check_async --config="{CheckOptions: {async-lint.Profiles: '%S/Inputs/tern.yaml'}}" \
// RUN:   %s async-detached-task,async-missing-co-await %t -- -I%S/Inputs

#include "demo_task.h"
#include "tern.h"

#include <utility>

tern::Task<int> load(int id);
tern::LazyTask<int> prepare(int id);
tern::Job sync_all();
void keep(tern::Task<int> task);

void on_refresh_clicked() {
  load(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: eager task returned by 'load' is discarded; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
  prepare(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'prepare' is discarded; the task is lazy and never runs [async-missing-co-await]
  sync_all();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: eager task returned by 'sync_all' is discarded; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
  auto loading = load(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: eager task 'loading' is never used; it runs on with nobody awaiting it or seeing its failure [async-detached-task]

  // Clean: a continuation watches it, or it is handed on.
  load(3).then([](int rows) { (void)rows; });
  auto kept = load(4);
  keep(std::move(kept));
}

demo::task<> refresh() {
  (void)load(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: eager task returned by 'load' is cast to void; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
  auto prepared = prepare(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'prepared' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]

  // Clean: awaited.
  co_await load(6);
  auto later = load(7);
  co_await prepare(7);
  co_await later;
}
