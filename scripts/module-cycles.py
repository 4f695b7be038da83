#!/usr/bin/env python3
# Fails when a crate's top-level modules import each other in a cycle
# (`crate::a` in a's files naming b, and back, directly or around a loop).
# Comments and `mod tests` are not imports. Run by `make lint`:
#   python3 scripts/module-cycles.py crates/optin-core/src src-tauri/src ...
import re,os,sys,itertools
def mods(root, crate_prefix):
    edges={}
    for dp,_,fs in os.walk(root):
        for f in fs:
            if not f.endswith('.rs'): continue
            p=os.path.join(dp,f); rel=os.path.relpath(p,root)
            m=rel[:-3].replace('/mod','').split('/')[0]
            if m in ('lib','main'): continue
            src=open(p).read()
            src=src.split('#[cfg(test)]\nmod tests')[0]
            src='\n'.join(l for l in src.split('\n') if not l.strip().startswith('//'))
            for t in re.findall(r'crate::([a-z_]+)',src):
                if t!=m: edges.setdefault(m,set()).add(t)
    return edges
def cycles(edges):
    out=[]
    for a in edges:
        for b in edges[a]:
            if a in edges.get(b,()) and a<b: out.append((a,b))
    # longer cycles via DFS
    import sys
    def dfs(start,node,path,seen):
        for n in edges.get(node,()):
            if n==start and len(path)>2: out.append(tuple(path))
            elif n not in seen and n>start:
                dfs(start,n,path+[n],seen|{n})
    for s in edges: dfs(s,s,[s],{s})
    return out
bad=False
for root in sys.argv[1:]:
    found=cycles(mods(root,'crate'))
    if found:
        bad=True
        print(f"{root}: import cycles between modules: {found}")
    else:
        print(f"{root}: no import cycles")
sys.exit(1 if bad else 0)
