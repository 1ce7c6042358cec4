// How a typed message (a Request or a Reply) travels from one actor to another.
//   MailboxChannel  a SimGrid mailbox: the transfer is simulated on the platform's links. Its
//                   consumer is the mailbox's permanent receiver, so transfers proceed while the
//                   consumer is busy and queue up at its host, as on a real TCP connection.
//   QueueChannel    execution only: a FIFO and a semaphore, delivered at once with no simulated
//                   transfer (the network is assumed away; servers' compute is all that costs).
// Messages are heap objects; the consumer takes ownership (std::unique_ptr). Actors run on one
// OS thread and switch only at SimGrid calls, so the queue needs no lock.
#pragma once

#include <deque>
#include <memory>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u.hpp>
#include <string>

namespace coinsim {

template <class Message>
class Channel {
 public:
  virtual ~Channel() = default;
  // Call from the consumer actor, at its start (and at every restart after a host failure).
  virtual void bind_consumer() = 0;
  virtual void put(std::unique_ptr<Message> message, double bytes) = 0;
  virtual std::unique_ptr<Message> get() = 0;
  // nullptr when nothing came within `timeout`, or when the message was lost in transit because
  // an end of it failed.
  virtual std::unique_ptr<Message> get_for(double timeout) = 0;
  virtual bool ready() const = 0;  // a message can be taken at once
};

template <class Message>
class MailboxChannel final : public Channel<Message> {
 public:
  explicit MailboxChannel(const std::string& name)
      : mailbox_(simgrid::s4u::Mailbox::by_name(name)) {}
  void bind_consumer() override { mailbox_->set_receiver(simgrid::s4u::Actor::self()); }
  void put(std::unique_ptr<Message> message, double bytes) override {
    mailbox_->put_init(message.release(), static_cast<uint64_t>(bytes))->detach();
  }
  std::unique_ptr<Message> get() override {
    try {
      return std::unique_ptr<Message>(mailbox_->get<Message>());
    } catch (const simgrid::NetworkFailureException&) {
      return nullptr;
    }
  }
  std::unique_ptr<Message> get_for(double timeout) override {
    try {
      return std::unique_ptr<Message>(mailbox_->get<Message>(timeout));
    } catch (const simgrid::TimeoutException&) {
      return nullptr;
    } catch (const simgrid::NetworkFailureException&) {
      return nullptr;
    }
  }
  bool ready() const override { return mailbox_->ready(); }

 private:
  simgrid::s4u::Mailbox* mailbox_;
};

template <class Message>
class QueueChannel final : public Channel<Message> {
 public:
  QueueChannel() : available_(simgrid::s4u::Semaphore::create(0)) {}
  void bind_consumer() override {}
  void put(std::unique_ptr<Message> message, double /*bytes*/) override {
    queue_.push_back(std::move(message));
    available_->release();
  }
  std::unique_ptr<Message> get() override {
    available_->acquire();
    return take();
  }
  std::unique_ptr<Message> get_for(double timeout) override {
    if (available_->acquire_timeout(timeout)) return nullptr;  // true: timed out
    return take();
  }
  bool ready() const override { return !queue_.empty(); }

 private:
  std::unique_ptr<Message> take() {
    std::unique_ptr<Message> message = std::move(queue_.front());
    queue_.pop_front();
    return message;
  }
  std::deque<std::unique_ptr<Message>> queue_;
  simgrid::s4u::SemaphorePtr available_;
};

}  // namespace coinsim
