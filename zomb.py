import subprocess,time,os,signal
R='/tmp/qa-storage/bin/run.js'
p=subprocess.Popen(['node',R,'node','start','--id','1','--listen','127.0.0.1:47331','--data-dir','/tmp/qs/t/zl'],stdout=subprocess.PIPE,stderr=subprocess.DEVNULL,text=True)
print('node says:',p.stdout.readline().strip(),'pid',p.pid)
os.kill(p.pid,signal.SIGKILL)   # crash the node; this parent does not reap it (like a PID 1 without an init)
time.sleep(1)
print('state:',open(f'/proc/{p.pid}/stat').read().split(')')[1].split()[0])
r=subprocess.run(['node',R,'node','start','--id','1','--listen','127.0.0.1:47331','--data-dir','/tmp/qs/t/zl'],capture_output=True,text=True,timeout=20)
print('restart rc',r.returncode,r.stderr.strip()[:300])
p.wait()
r=subprocess.Popen(['node',R,'node','start','--id','1','--listen','127.0.0.1:47331','--data-dir','/tmp/qs/t/zl'],stdout=subprocess.PIPE,stderr=subprocess.DEVNULL,text=True)
print('after reaping:',r.stdout.readline().strip()); r.terminate(); r.wait()
