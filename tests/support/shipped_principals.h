// Callers the security tests use, as the shipped data-access file
// (deploy/authz/huiwu-data-access.json) binds them: three organizer units' systems with
// their units, and one person's system of each center role.
#ifndef HUIWU_TESTS_SUPPORT_SHIPPED_PRINCIPALS_H_
#define HUIWU_TESTS_SUPPORT_SHIPPED_PRINCIPALS_H_

namespace huiwu::testing {

inline constexpr char kOfficeSystem[] = "spiffe://huiwu/organizer/u-001";
inline constexpr char kOffice[] = "市政府办公厅";
inline constexpr char kReformSystem[] = "spiffe://huiwu/organizer/u-002";
inline constexpr char kReform[] = "市发展和改革委员会";
inline constexpr char kFinanceSystem[] = "spiffe://huiwu/organizer/u-003";
inline constexpr char kFinance[] = "市财政局";

inline constexpr char kAdmin[] = "spiffe://huiwu/admin/root";
inline constexpr char kDispatch[] = "spiffe://huiwu/dispatch/hub";
inline constexpr char kOperator[] = "spiffe://huiwu/operator/wang";
inline constexpr char kSupervisor[] = "spiffe://huiwu/supervisor/li";

}  // namespace huiwu::testing

#endif  // HUIWU_TESTS_SUPPORT_SHIPPED_PRINCIPALS_H_
