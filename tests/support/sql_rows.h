// Reading a database directly, as an auditor would, for the tests that check what was
// stored against what the services acknowledged (the Galera and fault tests).
#ifndef HUIWU_TESTS_SUPPORT_SQL_ROWS_H_
#define HUIWU_TESTS_SUPPORT_SQL_ROWS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/config/config.h"

namespace sql {
class ResultSet;
}

namespace huiwu::testing {

// Every remaining row of `rows`, columns joined by '|' (NULL as "NULL"): the one text
// form of rows the tests compare (QueryRows here, TestDatabase::QueryRows).
std::vector<std::string> RowsAsText(sql::ResultSet& rows);

// Every row of `sql`, columns joined by '|' (NULL as "NULL"). On a Galera node the read
// is causal (wsrep_sync_wait): it sees every write the cluster committed before the
// call, whichever node took it. Aborts the test binary when the server cannot be reached.
std::vector<std::string> QueryRows(const config::DatabaseConfig& database, const std::string& sql);

// The first column of the first row as an integer (0 when there is no row).
int64_t QueryInt(const config::DatabaseConfig& database, const std::string& sql);

// Runs one statement that changes rows (set-up a test cannot do through the API, such
// as moving a deadline into the past); returns the rows it changed. Aborts like
// QueryRows.
int64_t ExecuteSql(const config::DatabaseConfig& database, const std::string& sql);

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_SQL_ROWS_H_
