#!/bin/bash
# Healthy when the node is Synced with a Primary component: it takes reads and writes.
state="$(mariadb --no-defaults --socket=/run/mysqld/mysqld.sock -umysql --connect-timeout=3 -N -B -e "
  SELECT CONCAT((SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
                  WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'), ' ',
                (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
                  WHERE VARIABLE_NAME = 'WSREP_CLUSTER_STATUS'))" 2>/dev/null)"
[[ "${state}" == "Synced Primary" ]] || { echo "not ready: ${state:-no answer}"; exit 1; }
