// An in-house API named through options, with wildcards; and a category
// switched off.
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-blocking-call.ExtraFileIOFunctions: 'storage::read_blob;storage::Store::load*', \
// RUN:   async-blocking-call.ExtraNetworkFunctions: 'rpc::*_sync', \
// RUN:   async-blocking-call.Sleep: false}}" \
// RUN:   %s async-blocking-call %t

#include "demo_task.h"

#include <unistd.h>

namespace storage {
int read_blob(const char *key);
int write_blob(const char *key);
class Store {
public:
  int load(const char *key);
  int load_all();
  int cached(const char *key);
};
class TieredStore : public Store {};
} // namespace storage

namespace rpc {
int call_sync(int);
int call_async(int);
} // namespace rpc

demo::task<int> handler(storage::TieredStore &store) {
  co_await demo::ready{};
  int a = storage::read_blob("k");
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'storage::read_blob' blocks the event loop thread in coroutine 'handler' (file I/O)
  int b = store.load("k");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to 'storage::Store::load' blocks the event loop thread in coroutine 'handler' (file I/O)
  int c = store.load_all();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to 'storage::Store::load_all' blocks the event loop thread in coroutine 'handler' (file I/O)
  int d = rpc::call_sync(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'rpc::call_sync' blocks the event loop thread in coroutine 'handler' (network I/O)
  // Clean: not listed, or the sleep category is off.
  int e = storage::write_blob("k") + store.cached("k") + rpc::call_async(1);
  sleep(1);
  co_return a + b + c + d + e;
}
