//===--- DiscoveredGraph.h - A graph built as it is walked ------*- C++ -*-===//
//
// A call graph over a whole translation unit is more than a check needs when
// it follows calls from one function at a time. This graph asks for a node's
// successors only when llvm::scc_iterator first reaches the node, so the walk
// scans exactly the functions reachable from its root.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_DISCOVEREDGRAPH_H
#define ASYNC_LINT_CHECKS_UTILS_DISCOVEREDGRAPH_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <deque>
#include <functional>

namespace clang::tidy::async::utils {

template <class Key> class DiscoveredGraph {
public:
  /// Appends the successors of a node to the vector. Kept for the graph's
  /// lifetime, so a std::function rather than a function_ref to a temporary.
  using SuccessorsFn = std::function<void(Key, llvm::SmallVectorImpl<Key> &)>;

  struct Node {
    DiscoveredGraph *Graph;
    Key Id;
    llvm::SmallVector<Node *, 4> Successors;
    bool Expanded = false;
  };

  DiscoveredGraph(Key RootKey, SuccessorsFn Successors)
      : Successors(std::move(Successors)), Root(nodeFor(RootKey)) {}

  Node *root() const { return Root; }

  /// The successors of N, asked for on the first call.
  llvm::ArrayRef<Node *> successorsOf(Node *N) {
    if (!N->Expanded) {
      N->Expanded = true;
      llvm::SmallVector<Key, 8> Keys;
      Successors(N->Id, Keys);
      for (Key Successor : Keys)
        N->Successors.push_back(nodeFor(Successor));
    }
    return N->Successors;
  }

  /// Calls F on each strongly connected component reachable from the root,
  /// successors' components first (Tarjan's order), with the keys of a
  /// component in the order the walk discovered them.
  void forEachComponent(llvm::function_ref<void(llvm::ArrayRef<Key>)> F);

private:
  Node *nodeFor(Key K) {
    auto [It, Inserted] = NodeOf.try_emplace(K, nullptr);
    if (Inserted) {
      Nodes.push_back(Node{this, K, {}});
      It->second = &Nodes.back();
    }
    return It->second;
  }

  SuccessorsFn Successors;
  /// A deque: nodes keep their address as others are added.
  std::deque<Node> Nodes;
  llvm::DenseMap<Key, Node *> NodeOf;
  Node *Root;
};

} // namespace clang::tidy::async::utils

template <class Key>
struct llvm::GraphTraits<clang::tidy::async::utils::DiscoveredGraph<Key> *> {
  using GraphType = clang::tidy::async::utils::DiscoveredGraph<Key>;
  using NodeRef = typename GraphType::Node *;
  using ChildIteratorType = typename GraphType::Node *const *;

  static NodeRef getEntryNode(GraphType *G) { return G->root(); }
  static ChildIteratorType child_begin(NodeRef N) {
    return N->Graph->successorsOf(N).begin();
  }
  static ChildIteratorType child_end(NodeRef N) {
    return N->Graph->successorsOf(N).end();
  }
};

namespace clang::tidy::async::utils {

template <class Key>
void DiscoveredGraph<Key>::forEachComponent(
    llvm::function_ref<void(llvm::ArrayRef<Key>)> F) {
  llvm::SmallVector<Key, 8> Component;
  for (auto It = llvm::scc_begin(this); !It.isAtEnd(); ++It) {
    Component.clear();
    // scc_iterator lists a component's nodes last discovered first.
    for (Node *N : llvm::reverse(*It))
      Component.push_back(N->Id);
    F(Component);
  }
}

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_DISCOVEREDGRAPH_H
