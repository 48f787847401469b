// A one-behaviour TCP server on 127.0.0.1 (ephemeral port) for net tests: it reads the
// request, then answers with the given chunks, optionally pausing between them.
#pragma once
#include <boost/asio.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace camaudit::testing {

class LoopbackServer {
public:
    struct Behaviour {
        std::vector<std::string> chunks;
        std::chrono::milliseconds pause{0};  // between chunks
        bool read_first = true;
    };

    explicit LoopbackServer(Behaviour behaviour)
        : behaviour_(std::move(behaviour)),
          acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
        accept_next();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~LoopbackServer() {
        io_.stop();
        thread_.join();
    }
    boost::asio::ip::tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }

private:
    void accept_next() {
        acceptor_.async_accept([this](boost::system::error_code error, boost::asio::ip::tcp::socket socket) {
            if (error) return;
            boost::asio::co_spawn(io_, serve(std::move(socket)), boost::asio::detached);
            accept_next();
        });
    }

    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket) {
        using boost::asio::as_tuple;
        using boost::asio::use_awaitable;
        if (behaviour_.read_first) {
            std::string request;
            auto buffer = boost::asio::dynamic_buffer(request, 65536);
            co_await boost::asio::async_read_until(socket, buffer, "\r\n\r\n", as_tuple(use_awaitable));
        }
        boost::asio::steady_timer timer(io_);
        for (const auto& chunk : behaviour_.chunks) {
            auto [error, n] = co_await boost::asio::async_write(socket, boost::asio::buffer(chunk),
                                                                as_tuple(use_awaitable));
            if (error) co_return;
            if (behaviour_.pause.count() > 0) {
                timer.expires_after(behaviour_.pause);
                co_await timer.async_wait(as_tuple(use_awaitable));
            }
        }
        boost::system::error_code ignored;
        socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    }

    Behaviour behaviour_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::thread thread_;
};

// Runs one awaitable to completion on a fresh io_context and returns its value.
template <class T>
T run_awaitable(boost::asio::awaitable<T> work) {
    boost::asio::io_context io;
    auto future = boost::asio::co_spawn(io, std::move(work), boost::asio::use_future);
    io.run();
    return future.get();
}

}  // namespace camaudit::testing
