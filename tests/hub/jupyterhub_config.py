# The JupyterHub that `make hub-test` starts (tests/hub/hub.py writes the environment below).
# A real hub on loopback only: configurable-http-proxy from node_modules (package-lock.json),
# the dummy authenticator (any password; only the listed users), and SimpleLocalProcessSpawner,
# which runs each user's single-user server as the hub's own OS user with HOME set to a
# folder of its own under TIPCOURSE_HUB_DIR/home/. For a test only: it isolates nothing.
# docs/HUB.md says which settings a real hub (TLJH, Zero to JupyterHub) has instead.
import os

c = get_config()  # noqa: F821 (defined by JupyterHub when it loads this file)
env = os.environ
state = env["TIPCOURSE_HUB_DIR"]
venv_bin = env["TIPCOURSE_HUB_BIN"]

c.JupyterHub.bind_url = f"http://127.0.0.1:{env['TIPCOURSE_HUB_PORT']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env['TIPCOURSE_HUB_API_PORT']}"
c.JupyterHub.db_url = f"sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{state}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = f"{state}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every user's server
c.JupyterHub.cleanup_proxy = True

c.ConfigurableHTTPProxy.command = [env["TIPCOURSE_HUB_PROXY"]]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['TIPCOURSE_HUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.pid_file = f"{state}/proxy.pid"

c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = set(env["TIPCOURSE_HUB_USERS"].split(","))

# The test's own admin: a service token that may stop and start servers and read their state.
c.JupyterHub.services = [{"name": "course-test", "api_token": env["TIPCOURSE_HUB_TOKEN"]}]
c.JupyterHub.load_roles = [
    {
        "name": "course-test",
        "scopes": ["admin:servers", "admin:server_state", "list:users", "read:users"],
        "services": ["course-test"],
    }
]

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = f"{state}/home/{{username}}"
c.Spawner.cmd = [f"{venv_bin}/jupyterhub-singleuser"]
# The machines run as root; JupyterLab refuses that unless told (as the Makefile's ROOT_FLAG).
c.Spawner.args = ["--allow-root"] if os.getuid() == 0 else []
# For the test's browser helpers only (tests/browser.py reads window.jupyterapp).
c.Spawner.args.append("--LabApp.expose_app_in_browser=True")
c.Spawner.default_url = "/lab"
# nbgitpuller is a server extension of the same environment (enabled by its own
# etc/jupyter/jupyter_server_config.d/nbgitpuller.json); it runs git, so PATH has /usr/bin.
c.Spawner.environment = {"PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
c.Spawner.start_timeout = 180  # two cores shared with other work: a first start can be slow
c.Spawner.http_timeout = 180
