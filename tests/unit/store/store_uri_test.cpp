#include "lib/store/store_uri.hpp"

#include <doctest/doctest.h>

using sdesk::store::is_store_uri;
using sdesk::store::redact_uri;

TEST_SUITE("store::store_uri")
{
  TEST_CASE("postgresql:// and postgres:// name a server; anything else is a path")
  {
    CHECK(is_store_uri("postgresql://db.example/desk"));
    CHECK(is_store_uri("postgres://db.example/desk"));
    CHECK(is_store_uri("postgresql:///?service=desk"));
    CHECK_FALSE(is_store_uri("desk.db"));
    CHECK_FALSE(is_store_uri("/srv/sdesk/postgresql://x"));
    CHECK_FALSE(is_store_uri("postgresql:/desk"));
    CHECK_FALSE(is_store_uri("mysql://db/desk"));
    CHECK_FALSE(is_store_uri(""));
  }

  TEST_CASE("a password never survives redaction")
  {
    CHECK(redact_uri("postgresql://alice:s3cret@db.example:5433/desk") ==
          "postgresql://alice@db.example:5433/desk");
    CHECK(redact_uri("postgres://alice:p%40ss:w@rd@db/desk?sslmode=require") ==
          "postgres://alice@db/desk?sslmode=require");
    CHECK(redact_uri("postgresql://db/desk?password=s3cret&sslmode=require") ==
          "postgresql://db/desk?sslmode=require");
    CHECK(redact_uri("postgresql://db/desk?sslmode=require&sslpassword=x&password=y") ==
          "postgresql://db/desk?sslmode=require");
    CHECK(redact_uri("postgresql://db?password=y") == "postgresql://db");
  }

  TEST_CASE("what holds no password is shown as it is")
  {
    CHECK(redact_uri("postgresql://alice@db.example/desk") == "postgresql://alice@db.example/desk");
    CHECK(redact_uri("postgresql:///?service=desk") == "postgresql:///?service=desk");
    CHECK(redact_uri("postgresql:///sdesk?host=/tmp/pg&port=5432") ==
          "postgresql:///sdesk?host=/tmp/pg&port=5432");
    CHECK(redact_uri("desk:secret@x.db") == "desk:secret@x.db"); // a file name
  }
}
